using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SlaApi.Api.OpenApi;

/// <summary>What each group of operations is for, in the order a newcomer meets them.</summary>
public sealed class TagDescriptions : IDocumentFilter
{
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Calendars", "Business calendars: a time zone, weekly opening hours and holidays. Clocks count only while their calendar is open. Includes due-date and business-time calculators."),
        ("Policies", "SLA policies: response, resolution plan, resolution, update and next-reply targets per priority, the statuses that pause the clocks, and warning thresholds."),
        ("Teams", "The teams incidents are assigned to, each with its own calendar and its OLA targets per priority; an outside vendor's team is held to its underpinning contract."),
        ("Customers", "The MSP's customers, with the ids their PSA and RMM tools know them by."),
        ("Agreements", "Agreements bind a customer to a policy for a term and covered services, with the monthly fee, service-credit rules and the clauses of their SLA document, which is served as Markdown or HTML."),
        ("Incidents", "Incidents posted by PSA and RMM integrations, their lifecycle events, the clocks replayed from them, and the work queue."),
        ("Simulations", "What-if on history: the stored events of past incidents replayed under a draft policy or draft terms, beside the figures as they were, with the incidents whose outcome flips."),
        ("Disputes", "A customer or the MSP disputes a clock; the MSP upholds it (the clock is excluded or corrected through an event with the dispute's id) or rejects it with a reason."),
        ("Reports", "Compliance, response times (MTTA, MTTR), breaches, service credits, pauses, disputes and renewals, as JSON or CSV."),
        ("Alerts", "Alerts before and at the breach, as they fire: signed webhooks (Standard Webhooks), a feed to poll and a live Server-Sent Events stream."),
        ("Connectors", "ConnectWise PSA, Autotask, HaloPSA, NinjaOne and Datto RMM posting in their own formats: connections with their mapping, each tool's inbound URL, the deliveries received and what became of them, and reconciliation snapshots."),
        ("API keys", "Keys, their scopes and the customer a key may be bound to. Admin only."),
    ];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
    }
}
