namespace SlaApi.Api.FunctionalTests.Common;

/// <summary>Request bodies with valid defaults, changed with "with" by the tests that care.</summary>
public static class Definitions
{
    public const string TwentyFourSeven = "00000000-0000-0000-0000-000000002407";

    public static Dictionary<string, object?> OfficeHoursNewYork() => new()
    {
        ["name"] = "Office hours New York",
        ["timeZone"] = "America/New_York",
        ["week"] = new Dictionary<string, object>
        {
            ["monday"] = Hours("08:00", "17:00"),
            ["tuesday"] = Hours("08:00", "17:00"),
            ["wednesday"] = Hours("08:00", "17:00"),
            ["thursday"] = Hours("08:00", "17:00"),
            ["friday"] = Hours("08:00", "17:00"),
        },
        ["holidays"] = new[] { new { date = "2026-12-25", name = "Christmas Day" }, new { date = "2027-01-01", name = "New Year's Day" } },
    };

    public static object[] Hours(string start, string end) => [new { start, end }];

    public static Dictionary<string, object?> Policy(string calendarId) => new()
    {
        ["name"] = "Gold",
        ["calendarId"] = calendarId,
        ["targets"] = new object[]
        {
            new { priority = 1, responseMinutes = 15, resolutionMinutes = 240, calendarId = TwentyFourSeven },
            new { priority = 3, responseMinutes = 60, resolutionMinutes = 480 },
        },
        ["pauseStatuses"] = new[] { "waiting-customer" },
    };

    /// <summary>A policy on the built-in 24x7 calendar with one P1 target.</summary>
    public static Dictionary<string, object?> AroundTheClock(int responseMinutes = 30, int resolutionMinutes = 240) => new()
    {
        ["name"] = "Around the clock",
        ["calendarId"] = TwentyFourSeven,
        ["targets"] = new[] { new { priority = 1, responseMinutes, resolutionMinutes } },
    };

    public static Dictionary<string, object?> Customer(string name = "Acme", string source = "connectwise", string id = "250") => new()
    {
        ["name"] = name,
        ["externalRefs"] = new[] { new { source, id } },
    };

    public static Dictionary<string, object?> Agreement(string customerId, string policyId, params string[] services) => new()
    {
        ["customerId"] = customerId,
        ["policyId"] = policyId,
        ["name"] = "Managed workstations 2026",
        ["effectiveFrom"] = "2026-01-01T00:00:00Z",
        ["effectiveTo"] = "2027-01-01T00:00:00Z",
        ["renewalDate"] = "2026-12-01",
        ["coveredServices"] = services.Length == 0 ? new[] { "managed-workstations" } : services,
        ["monthlyFee"] = new { amount = 1500.50m, currency = "USD" },
        ["creditRules"] = new[] { new { metric = "resolution", percentOfMonthlyFeePerBreach = 5, capPercent = 25 } },
    };

    /// <summary>A P1 incident of the agreement's service, opened an hour before the tests' now (2026-11-25T12:00Z).</summary>
    public static Dictionary<string, object?> Incident(string customerId, string externalId, string openedAt = "2026-11-25T11:00:00Z") => new()
    {
        ["source"] = "connectwise",
        ["externalId"] = externalId,
        ["customerId"] = customerId,
        ["title"] = "Email is down",
        ["priority"] = 1,
        ["serviceCode"] = "managed-workstations",
        ["status"] = "new",
        ["openedAt"] = openedAt,
    };

    public static object Event(string eventId, string type, string occurredAt, string? status = null, int? priority = null, string? reason = null) =>
        new { eventId, type, occurredAt, status, priority, reason };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> body, string key, object? value) =>
        new(body) { [key] = value };

    public static Dictionary<string, object?> Without(this Dictionary<string, object?> body, string key)
    {
        var copy = new Dictionary<string, object?>(body);
        copy.Remove(key);
        return copy;
    }
}
