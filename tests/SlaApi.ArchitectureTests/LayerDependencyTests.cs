using System.Reflection;
using FluentAssertions;
using NetArchTest.Rules;

namespace SlaApi.ArchitectureTests;

/// <summary>References point inward only: Api → Infrastructure → Application → Domain.</summary>
public sealed class LayerDependencyTests
{
    private static readonly Assembly Domain = typeof(SlaApi.Domain.Calendars.BusinessCalendar).Assembly;
    private static readonly Assembly Application = typeof(SlaApi.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(SlaApi.Infrastructure.DependencyInjection).Assembly;

    [Test]
    public void Domain_DependsOnNoOtherLayerNorFramework() =>
        AssertNoDependency(Domain, "SlaApi.Application", "SlaApi.Infrastructure", "SlaApi.Api", "Mediator", "FluentValidation",
            "Dapper", "Microsoft.AspNetCore", "Microsoft.Extensions", "System.Data", "System.Net.Http");

    [Test]
    public void Application_DoesNotKnowInfrastructureOrApi() =>
        AssertNoDependency(Application, "SlaApi.Infrastructure", "SlaApi.Api", "Dapper", "Npgsql", "Microsoft.Data", "Microsoft.AspNetCore", "DbUp");

    [Test]
    public void Infrastructure_DoesNotKnowApi() =>
        AssertNoDependency(Infrastructure, "SlaApi.Api", "Microsoft.AspNetCore");

    [Test]
    public void ProjectReferences_PointInward()
    {
        Referenced(Domain).Should().NotContain(n => n.StartsWith("SlaApi.", StringComparison.Ordinal));
        Referenced(Application).Where(n => n.StartsWith("SlaApi.", StringComparison.Ordinal)).Should().BeEquivalentTo(["SlaApi.Domain"]);
        Referenced(Infrastructure).Where(n => n.StartsWith("SlaApi.", StringComparison.Ordinal)).Should().BeEquivalentTo(["SlaApi.Application", "SlaApi.Domain"]);
    }

    [Test]
    public void Handlers_AreSealed()
    {
        var result = Types.InAssembly(Application).That().HaveNameEndingWith("Handler").Should().BeSealed().GetResult();

        result.IsSuccessful.Should().BeTrue(string.Join(", ", result.FailingTypeNames ?? []));
    }

    private static void AssertNoDependency(Assembly assembly, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        result.IsSuccessful.Should().BeTrue($"{assembly.GetName().Name} must not depend on {string.Join(", ", forbidden)}; offenders: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    private static IEnumerable<string> Referenced(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!);
}
