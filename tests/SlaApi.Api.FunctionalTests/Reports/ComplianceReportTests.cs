using System.Globalization;
using FluentAssertions;
using NodaTime;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Reports;

public sealed class ComplianceReportTests(TestEngine engine) : ReportTest(engine)
{
    [TestCase("2026-09-01T04:00:00Z", "2026-12-01T05:00:00Z", "America/New_York", "customer,metric", "month")]
    [TestCase("2026-09-10T07:13:00Z", "2026-11-20T00:00:00Z", "Asia/Kolkata", "priority,service,metric", "month")]
    [TestCase("2026-08-15T00:00:00Z", "2027-01-01T00:00:00Z", "Pacific/Auckland", "customer,period", null)]
    [TestCase("2026-08-01T00:00:00Z", "2026-12-01T00:00:00Z", "UTC", "", null)]
    [TestCase("2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", "UTC", "customer,metric", "day")]
    [TestCase("2026-09-03T00:00:00Z", "2026-11-30T00:00:00Z", "Europe/London", "metric,priority", "week")]
    public async Task Compliance_AgreesWithTheOutcomesWorkedOutFromTheEvents(string from, string to, string zone, string groupBy, string? period)
    {
        var url = $"/api/v1/reports/compliance?from={from}&to={to}&timeZone={zone}&groupBy={groupBy}" + (period is null ? "" : $"&period={period}");

        var report = await GetReportAsync(url);

        var keys = groupBy.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var unit = period ?? (keys.Contains("period") ? "month" : null);
        var expected = Expected(DateTimeOffset.Parse(from, CultureInfo.InvariantCulture), DateTimeOffset.Parse(to, CultureInfo.InvariantCulture),
            DateTimeZoneProviders.Tzdb[zone], keys, unit);
        var actual = report["rows"]!.AsArray().Select(r => Line(
            r!["periodStart"]?.GetValue<string>(), r["customerId"]?.GetValue<string>(), r["priority"]?.GetValue<int>(), r["service"]?.GetValue<string>(),
            r["metric"]?.GetValue<string>(), r["met"]!.GetValue<long>(), r["breached"]!.GetValue<long>(), r["excluded"]!.GetValue<long>(),
            r["compliancePercent"]?.GetValue<decimal>()));
        actual.Should().BeEquivalentTo(expected);
        expected.Should().HaveCountGreaterThan(0);
        report["header"]!["timeZone"]!.GetValue<string>().Should().Be(zone);
        report["header"]!["denominator"]!.GetValue<string>().Should().Contain("met + breached");
        report["header"]!["definitions"]!.AsArray().Select(d => d!["policyId"]!.GetValue<string>()).Should().AllBe(PolicyId);
    }

    [Test]
    public void DataSet_HasEveryKindOfOutcome_SoTheComparisonsAreNotVacuous()
    {
        var outcomes = Outcomes;
        outcomes.Should().Contain(o => o.Breached && !o.Excluded).And.Contain(o => !o.Breached && !o.Excluded).And.Contain(o => o.Excluded);
        outcomes.Select(o => o.Metric).Distinct().Should().BeEquivalentTo(["response", "resolution", "update"]);
        // Running clocks that breached without any event settle at their due instant.
        Data.Incidents.Should().Contain(i => i.Events.All(e => e.Type != "resolved"));
    }

    /// <summary>
    /// Events posted one at a time take the writer's cached path, which moves outcomes between months and in and out
    /// of exclusion by difference; month counts and settled rows must still agree with the events.
    /// </summary>
    [Test]
    public async Task Compliance_StaysRight_WhenLaterEventsMoveOutcomes()
    {
        var changed = Data.Incidents.Where(i => i.Events.Any(e => e.Type == "resolved")).Take(12).ToArray();
        foreach (var (n, incident) in changed.Index())
        {
            var last = incident.Events.Max(e => e.OccurredAt);
            var more = new List<ReferenceEvent>
            {
                new("late-1", "reopened", last.AddMinutes(30), null, null),
                new("late-2", "status-changed", last.AddMinutes(40), ReportDataSet.PauseStatus, null),
                new("late-3", "status-changed", last.AddMinutes(100), "in-progress", null),
                new("late-4", "priority-changed", last.AddMinutes(110), null, 3 - (incident.Events.LastOrDefault(e => e.Type == "priority-changed")?.Priority ?? incident.OpenedPriority)),
                new("late-5", "resolved", last.AddMinutes(700), null, null),
                new("late-6", n % 2 == 0 ? "excluded" : "included", last.AddMinutes(710), null, null),
            };
            foreach (var e in more)
            {
                var results = (await ReadAsync(await PostAsync("/api/v1/incidents/events:batch", new
                {
                    events = new[]
                    {
                        new
                        {
                            source = "connectwise", externalId = incident.ExternalId, eventId = e.EventId, type = e.Type, occurredAt = e.OccurredAt,
                            status = e.Status, priority = e.Priority, reason = e.Type == "excluded" ? "maintenance" : null,
                        },
                    },
                })))["results"]!.AsArray();
                results[0]!["status"]!.GetValue<int>().Should().Be(201);
            }
            Replace(incident, incident with { Events = [.. incident.Events, .. more] });
        }

        foreach (var (zone, from, to) in new[] { ("America/New_York", "2026-09-01T04:00:00Z", "2026-12-01T05:00:00Z"), ("UTC", "2026-09-01T00:00:00Z", "2026-12-01T00:00:00Z") })
        {
            var report = await GetReportAsync($"/api/v1/reports/compliance?from={from}&to={to}&timeZone={zone}&groupBy=customer,metric,priority&period=month");
            var actual = report["rows"]!.AsArray().Select(r => Line(
                r!["periodStart"]?.GetValue<string>(), r["customerId"]?.GetValue<string>(), r["priority"]?.GetValue<int>(), null,
                r["metric"]?.GetValue<string>(), r["met"]!.GetValue<long>(), r["breached"]!.GetValue<long>(), r["excluded"]!.GetValue<long>(),
                r["compliancePercent"]?.GetValue<decimal>()));
            actual.Should().BeEquivalentTo(Expected(DateTimeOffset.Parse(from, CultureInfo.InvariantCulture), DateTimeOffset.Parse(to, CultureInfo.InvariantCulture),
                DateTimeZoneProviders.Tzdb[zone], ["customer", "metric", "priority"], "month"), zone);
        }
    }

    private string[] Expected(DateTimeOffset from, DateTimeOffset to, DateTimeZone zone, HashSet<string> keys, string? unit)
    {
        var until = to < Now ? to : Now;
        return Outcomes
            .Where(o => o.SettledAt >= from && o.SettledAt < until)
            .GroupBy(o => (
                Period: unit is null ? null : Utc(Max(PeriodStart(o.SettledAt, zone, unit), from)),
                Customer: keys.Contains("customer") ? o.CustomerId : null,
                Priority: keys.Contains("priority") ? o.Priority : (int?)null,
                Service: keys.Contains("service") ? o.Service : null,
                Metric: keys.Contains("metric") ? o.Metric : null))
            .Select(g =>
            {
                var met = g.LongCount(o => !o.Excluded && !o.Breached);
                var breached = g.LongCount(o => !o.Excluded && o.Breached);
                var percent = met + breached == 0 ? (decimal?)null : Math.Round(100m * met / (met + breached), 2);
                return Line(g.Key.Period, g.Key.Customer, g.Key.Priority, g.Key.Service, g.Key.Metric, met, breached, g.LongCount(o => o.Excluded), percent);
            })
            .ToArray();
    }

    private static DateTimeOffset PeriodStart(DateTimeOffset instant, DateTimeZone zone, string unit)
    {
        var date = Instant.FromDateTimeOffset(instant).InZone(zone).Date;
        var start = unit switch
        {
            "day" => date,
            "week" => date.PlusDays(-((int)date.DayOfWeek - 1)),
            _ => new LocalDate(date.Year, date.Month, 1),
        };
        return zone.AtStartOfDay(start).ToDateTimeOffset();
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Line(string? period, string? customer, int? priority, string? service, string? metric, long met, long breached, long excluded, decimal? percent) =>
        $"{period}|{customer}|{priority}|{service}|{metric}: met {met}, breached {breached}, excluded {excluded}, {percent?.ToString(CultureInfo.InvariantCulture) ?? "null"}%";
}
