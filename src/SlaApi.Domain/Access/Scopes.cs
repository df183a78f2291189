namespace SlaApi.Domain.Access;

/// <summary>What a key may do. <see cref="Admin"/> holds every other scope too.</summary>
public static class Scopes
{
    public const string Admin = "admin";
    public const string DefinitionsWrite = "definitions:write";
    public const string IncidentsWrite = "incidents:write";
    public const string SlaRead = "sla:read";
    public const string ReportsRead = "reports:read";
    public const string WebhooksWrite = "webhooks:write";
    public const string ConnectionsWrite = "connections:write";
    public const string DisputesWrite = "disputes:write";
    public const string DisputesReview = "disputes:review";

    public static readonly IReadOnlyList<string> All = [Admin, DefinitionsWrite, IncidentsWrite, SlaRead, ReportsRead, WebhooksWrite, ConnectionsWrite, DisputesWrite, DisputesReview];

    /// <summary>Scopes that reach beyond one customer's data, and so may not be given to a customer-bound key.</summary>
    public static readonly IReadOnlyList<string> AcrossCustomers = [Admin, DefinitionsWrite, ConnectionsWrite, DisputesReview];
}
