using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using SlaApi.Application.Access;
using SlaApi.Application.Calendars;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Customers;
using SlaApi.Application.Policies;
using SlaApi.Application.Teams;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Teams;

namespace SlaApi.Application.Agreements.GetAgreementDocument;

/// <summary>
/// The SLA schedule of an agreement version, in Markdown. The latest version is written with the policy and calendar
/// versions in force now; an earlier one with those in force when it took effect. The document names every version.
/// </summary>
public sealed record GetAgreementDocumentQuery(Guid Id, int? Version) : IQuery<AgreementDocumentDto>;

public sealed record AgreementDocumentDto(Guid AgreementId, int Version, string Title, string Markdown);

public sealed class DocumentOptions
{
    public const string Section = "Document";

    /// <summary>The provider's name as the documents state it under "Parties".</summary>
    public string ProviderName { get; set; } = "The service provider";
}

public sealed class GetAgreementDocumentValidator : AbstractValidator<GetAgreementDocumentQuery>
{
    public GetAgreementDocumentValidator() => RuleFor(q => q.Version).GreaterThanOrEqualTo(1);
}

public sealed class GetAgreementDocumentHandler(
    IAgreementRepository agreements, ISlaPolicyRepository policies, ICalendarRepository calendars, ICustomerRepository customers,
    ITeamRepository teams, ICallerContext caller, IOptions<DocumentOptions> options, TimeProvider time)
    : IQueryHandler<GetAgreementDocumentQuery, AgreementDocumentDto>
{
    public async ValueTask<AgreementDocumentDto> Handle(GetAgreementDocumentQuery query, CancellationToken ct)
    {
        var found = await agreements.GetAsync(query.Id, query.Version, ct);
        var agreement = (found is not null && caller.CanSee(found.CustomerId) ? found : null)
            ?? throw new NotFoundException(query.Version is null ? "Agreement" : $"Version {query.Version} of agreement", query.Id);
        var at = query.Version is null ? time.GetUtcNow() : agreement.VersionEffectiveFrom;
        var policy = await policies.GetInForceAsync(agreement.Terms.PolicyId, at, ct)
            ?? throw new InvalidOperationException($"Policy {agreement.Terms.PolicyId} of agreement {agreement.Id} is missing.");
        var tiered = policy.ForTier(TierOffered(agreement.Terms.ResponseTier, policy));
        var named = new List<Calendar>();
        foreach (var calendarId in tiered.Targets.Where(t => t.CalendarId.HasValue).Select(t => t.CalendarId!.Value).Prepend(tiered.CalendarId).Distinct())
        {
            named.Add(await calendars.GetInForceAsync(calendarId, at, ct)
                ?? throw new InvalidOperationException($"Calendar {calendarId} of policy {policy.Id} is missing."));
        }
        var escalation = new List<Team>();
        foreach (var teamId in policy.EscalationPath)
        {
            if (await teams.GetInForceAsync(teamId, at, ct) is { } team)
                escalation.Add(team);
        }
        var customer = await customers.GetAsync(agreement.CustomerId, ct);
        var markdown = AgreementDocument.Write(new DocumentSources(agreement, policy, named, customer?.Name ?? "", options.Value.ProviderName, escalation));
        return new AgreementDocumentDto(agreement.Id, agreement.Version, $"Service level agreement: {agreement.Terms.Name}", markdown);
    }

    private static string? TierOffered(string? tier, Domain.Policies.SlaPolicy policy) => tier is not null && policy.TierNamed(tier) is not null ? tier : null;
}
