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
    public async Task DataSet_HasEveryKindOfOutcome_SoTheComparisonsAreNotVacuous()
    {
        var outcomes = Outcomes;
        outcomes.Should().Contain(o => o.Breached && !o.Excluded).And.Contain(o => !o.Breached && !o.Excluded).And.Contain(o => o.Excluded);
        outcomes.Select(o => o.Metric).Distinct().Should().BeEquivalentTo(["response", "resolution", "update"]);
        // Running clocks that breached without any event settle at their due instant.
        Data.Incidents.Should().Contain(i => i.Events.All(e => e.Type != "resolved"));
        await Task.CompletedTask;
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
