using System.Reflection;
using FluentAssertions;
using Mono.Cecil;
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
    public void Application_RunsNoLoopOfItsOwn()
    {
        Application.GetTypes().Should().NotContain(t => t.GetInterfaces().Any(i => i.FullName == "Microsoft.Extensions.Hosting.IHostedService"),
            "background loops are hosted services in Infrastructure");
        var startsTasks = ModuleDefinition.ReadModule(Application.Location).Types
            .SelectMany(t => t.NestedTypes.Prepend(t))
            .SelectMany(t => t.Methods.Where(m => m.HasBody).Select(m => (Method: m, Calls: m.Body.Instructions)))
            .Where(m => m.Calls.Any(i => i.Operand is MethodReference { Name: "Run" or "StartNew", DeclaringType.Name: "Task" or "TaskFactory" }))
            .Select(m => m.Method.FullName);
        startsTasks.Should().BeEmpty("Application starts no task of its own; the event writer's loop is Infrastructure's");
    }

    [Test]
    public void EventWriter_IsAHostedServiceOfInfrastructure_BehindAnApplicationPort()
    {
        var writer = typeof(SlaApi.Infrastructure.Incidents.Ingestion.EventWriter);

        writer.Assembly.Should().BeSameAs(Infrastructure);
        writer.Should().Implement<SlaApi.Application.Incidents.Ingestion.IEventWriter>();
        writer.GetInterfaces().Select(i => i.FullName).Should().Contain("Microsoft.Extensions.Hosting.IHostedService");
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
