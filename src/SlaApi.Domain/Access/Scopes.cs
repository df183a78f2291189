namespace SlaApi.Domain.Access;

/// <summary>What a key may do. <see cref="Admin"/> holds every other scope too.</summary>
public static class Scopes
{
    public const string Admin = "admin";
    public const string DefinitionsRead = "definitions:read";
    public const string DefinitionsWrite = "definitions:write";
    public const string IncidentsWrite = "incidents:write";
    public const string SlaRead = "sla:read";
    public const string ReportsRead = "reports:read";
    public const string WebhooksWrite = "webhooks:write";
    public const string ConnectionsWrite = "connections:write";
    public const string DisputesWrite = "disputes:write";
    public const string DisputesReview = "disputes:review";

    public static readonly IReadOnlyList<string> All =
        [Admin, DefinitionsRead, DefinitionsWrite, IncidentsWrite, SlaRead, ReportsRead, WebhooksWrite, ConnectionsWrite, DisputesWrite, DisputesReview];

    /// <summary>
    /// Scopes that read customers, agreements (fees, credit rules, clauses), SLA documents, calendars and policies: the
    /// definitions' own read scope, their write scope, and the scopes that read the clocks and reports those definitions
    /// explain. A key that only writes (an integration posting events, a webhook or connection manager) reads none.
    /// </summary>
    public static readonly IReadOnlyList<string> DefinitionReaders = [DefinitionsRead, DefinitionsWrite, SlaRead, ReportsRead];

    /// <summary>Scopes that reach beyond one customer's data, and so may not be given to a customer-bound key.</summary>
    public static readonly IReadOnlyList<string> AcrossCustomers = [Admin, DefinitionsWrite, ConnectionsWrite, DisputesReview];
}
