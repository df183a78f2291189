using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SlaApi.Api.OpenApi;

/// <summary>
/// An example body for each main request, the README walk-through's. Ids of other definitions are placeholders; the
/// contract tests check every example against its schema and its validator.
/// </summary>
public sealed class RequestExamples : IOperationFilter
{
    private const string CalendarId = "6f1c2a9e-8d4b-4c1e-9a7f-2b3c4d5e6f70";
    private const string PolicyId = "7a2d3b0f-9e5c-4d2f-8b6a-3c4d5e6f7a81";
    private const string CustomerId = "8b3e4c1a-0f6d-4e3a-9c7b-4d5e6f7a8b92";
    private const string IncidentId = "9c4f5d2b-1a7e-4f4b-8d8c-5e6f7a8b9ca3";

    public static readonly IReadOnlyDictionary<string, string> Bodies = new Dictionary<string, string>
    {
        ["DefineCalendar"] = """
            {"name": "New York office hours", "timeZone": "America/New_York",
             "week": {"monday": [{"start": "08:00", "end": "17:00"}], "tuesday": [{"start": "08:00", "end": "17:00"}],
                      "wednesday": [{"start": "08:00", "end": "17:00"}], "thursday": [{"start": "08:00", "end": "17:00"}],
                      "friday": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}]},
             "holidays": [{"date": "2026-12-25", "name": "Christmas Day"}]}
            """,
        ["CalculateDueDate"] = """{"start": "2026-12-24T16:00:00-05:00", "minutes": 120}""",
        ["CalculateBusinessTime"] = """
            {"from": "2026-12-24T16:00:00-05:00", "to": "2026-12-28T10:00:00-05:00",
             "pauses": [{"from": "2026-12-28T08:00:00-05:00", "to": "2026-12-28T09:00:00-05:00"}]}
            """,
        ["DefinePolicy"] = $$"""
            {"name": "Gold", "calendarId": "{{CalendarId}}",
             "targets": [{"priority": 1, "responseMinutes": 15, "resolutionMinutes": 240, "calendarId": "00000000-0000-0000-0000-000000002407"},
                         {"priority": 3, "responseMinutes": 60, "resolutionMinutes": 480}],
             "pauseStatuses": ["waiting-customer"], "warningThresholds": [50, 75, 90]}
            """,
        ["RegisterCustomer"] = """{"name": "Acme Dental", "externalRefs": [{"source": "connectwise", "id": "250"}]}""",
        ["ConcludeAgreement"] = $$"""
            {"customerId": "{{CustomerId}}", "policyId": "{{PolicyId}}", "name": "Managed workstations 2026",
             "effectiveFrom": "2026-01-01T00:00:00Z", "effectiveTo": "2027-01-01T00:00:00Z", "renewalDate": "2026-12-01",
             "coveredServices": ["managed-workstations"], "monthlyFee": {"amount": 1500.00, "currency": "USD"},
             "creditRules": [{"metric": "resolution", "percentOfMonthlyFeePerBreach": 5, "capPercent": 25}]}
            """,
        ["CreateApiKey"] = $$"""{"name": "Acme dashboard", "scopes": ["sla:read", "reports:read"], "customerId": "{{CustomerId}}"}""",
        ["OpenIncident"] = """
            {"source": "connectwise", "externalId": "T-1001", "customerRef": {"source": "connectwise", "id": "250"},
             "title": "Email is down", "priority": 1, "serviceCode": "managed-workstations", "status": "new",
             "openedAt": "2026-11-30T14:05:00Z"}
            """,
        ["RecordIncidentEvent"] = """{"eventId": "cw-5001", "type": "responded", "occurredAt": "2026-11-30T14:12:00Z"}""",
        ["RecordIncidentEvents"] = $$"""
            {"events": [
              {"incidentId": "{{IncidentId}}", "eventId": "cw-5002", "type": "status-changed", "status": "waiting-customer", "occurredAt": "2026-11-30T14:20:00Z"},
              {"source": "connectwise", "externalId": "T-1001", "eventId": "cw-5003", "type": "resolved", "occurredAt": "2026-11-30T15:40:00Z"}]}
            """,
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is { } id && Bodies.TryGetValue(id, out var body) &&
            operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true)
        {
            operation.RequestBody.Content["application/json"] = new OpenApiMediaType { Schema = json.Schema, Example = JsonNode.Parse(body) };
        }
    }
}
