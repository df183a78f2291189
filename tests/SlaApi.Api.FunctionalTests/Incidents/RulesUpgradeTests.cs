using System.Data.Common;
using FluentAssertions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Application.Incidents.UpgradeRules;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Incidents;

/// <summary>
/// Incidents stored under earlier rules keep their verdicts until the rules-upgrade replays them, which corrects the
/// stored clocks, outcomes and monthly counts and says what changed. The earlier rules are played by rewriting a stored
/// verdict as they gave it: a response due at 17:00 closing and answered at 17:30 was "met" when verdicts compared
/// elapsed business time.
/// </summary>
public sealed class RulesUpgradeTests(TestEngine engine) : ApiTest(engine)
{
    private const string October = "from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z";

    [Test]
    public async Task TheUpgrade_ReplaysStoredVerdicts_CorrectsTheCounts_AndReportsWhatChanged()
    {
        var (customerId, agreementId) = await AgreementAsync();
        var id = (await CreateAsync("/api/v1/incidents", Definitions.Incident(customerId, "T-1", "2026-10-08T17:00:00Z")
            .With("priority", 3)))["id"]!.GetValue<string>();
        (await PostAsync($"/api/v1/incidents/{id}/events", Definitions.Event("r", "responded", "2026-10-08T21:30:00Z"))).EnsureSuccessStatusCode();
        await StoreAsEarlierRulesJudgedItAsync();
        (await SendAsync(new CheckRulesUpgradeCommand())).Should().BeTrue("an incident is stored and no upgrade has run");
        (await ResponseComplianceAsync()).Should().Be("met=1 breached=0", "reports read what was stored");

        var batch = await SendAsync(new ReplayUnderCurrentRulesCommand(null, 500));

        batch.Replayed.Should().Be(1);
        batch.Shifts.Should().Equal(new VerdictShiftDto(Guid.Parse(agreementId), new YearMonth(2026, 10), "response", 1, 0, 0, 0));
        (await ResponseComplianceAsync()).Should().Be("met=0 breached=1");
        var listed = await ReadAsync(await Client.GetAsync("/api/v1/incidents?breached=true"));
        listed["items"]!.AsArray().Should().ContainSingle("the stored clock, which lists filter on, is breached again");
        var credits = (await ReadAsync(await Client.GetAsync("/api/v1/reports/credits?month=2026-10")))["rows"]!.AsArray()[0]!;
        credits["responseBreaches"]!.GetValue<long>().Should().Be(1);

        (await SendAsync(new ReplayUnderCurrentRulesCommand(batch.Last, 500))).Should().Be(new RulesReplayBatchDto(null, 0, []));
        (await SendAsync(new ReplayUnderCurrentRulesCommand(null, 500))).Shifts.Should().BeEmpty("a second replay changes nothing");
        await SendAsync(new RecordRulesUpgradeCommand(1, 1));
        (await SendAsync(new CheckRulesUpgradeCommand())).Should().BeFalse();
    }

    [Test]
    public async Task AStoreWithNoIncident_IsUpgradedAsItIs() =>
        (await SendAsync(new CheckRulesUpgradeCommand())).Should().BeFalse();

    [Test]
    public async Task ABatchSizeOutOfBounds_IsRefused()
    {
        var refuse = () => SendAsync(new ReplayUnderCurrentRulesCommand(null, ReplayUnderCurrentRulesValidator.MaxTake + 1));
        await refuse.Should().ThrowAsync<SlaApi.Application.Common.Exceptions.RequestValidationException>();
    }

    /// <summary>What the earlier rules stored for the response: met, its month counting it as met.</summary>
    private async Task StoreAsEarlierRulesJudgedItAsync()
    {
        await using var connection = await Database.OpenAsync();
        await ExecuteAsync(connection, "UPDATE clock_outcomes SET breached = @No WHERE metric = 'response'");
        await ExecuteAsync(connection, "UPDATE clock_outcome_months SET met_count = met_count + 1, breached_count = breached_count - 1 WHERE metric = 'response'");
        await ExecuteAsync(connection, "UPDATE incident_clocks SET state = 'met', breached_at = NULL, settled_at = stopped_at WHERE metric = 'response'");
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var no = command.CreateParameter();
        no.ParameterName = "@No";
        no.Value = false;
        command.Parameters.Add(no);
        (await command.ExecuteNonQueryAsync()).Should().Be(1, sql);
    }

    private async Task<string> ResponseComplianceAsync()
    {
        var row = (await ReadAsync(await Client.GetAsync($"/api/v1/reports/compliance?{October}&groupBy=metric")))["rows"]!.AsArray()
            .Single(r => r!["metric"]!.GetValue<string>() == "response")!;
        return $"met={row["met"]} breached={row["breached"]}";
    }

    private async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private async Task SendAsync(ICommand command)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    /// <summary>A customer whose agreement's P3 answers in 240 business minutes of New York office hours.</summary>
    private async Task<(string CustomerId, string AgreementId)> AgreementAsync()
    {
        var calendarId = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();
        var policyId = (await CreateAsync("/api/v1/policies", new Dictionary<string, object?>
        {
            ["name"] = "Office hours",
            ["calendarId"] = calendarId,
            ["targets"] = new object[] { new { priority = 3, responseMinutes = 240, resolutionMinutes = 960 } },
        }))["id"]!.GetValue<string>();
        var customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
        var agreement = await CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, policyId)
            .With("creditRules", new[] { new { metric = "response", percentOfMonthlyFeePerBreach = 10m, capPercent = 50m } }));
        return (customerId, agreement["id"]!.GetValue<string>());
    }
}
