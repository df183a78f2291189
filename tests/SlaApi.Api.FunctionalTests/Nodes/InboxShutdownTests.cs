using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using FluentAssertions;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Nodes;

/// <summary>
/// A node asked to stop while a tool's deliveries arrive answers every delivery it queued, having stored it, and then
/// exits; nothing it acknowledged is missing. The server stops taking requests and waits for those it holds before the
/// background loops stop, so the inbox writer is there to store them; on PostgreSQL this hung whenever the waiting
/// requests held every pooled connection (<see cref="ConnectionPoolTests"/>).
/// </summary>
[NonParallelizable]
public sealed class InboxShutdownTests
{
    [TestCaseSource(typeof(TestEngines), nameof(TestEngines.All))]
    public async Task Terminated_WhileDeliveriesArrive_StoresAndAnswersWhatItQueued_ThenExits(TestEngine engine)
    {
        var database = await TestDatabase.CreateMigratedAsync(engine);
        await using var node = await ApiProcess.StartAsync(database.Options);
        using var admin = node.Client(node.PrintedKey!);
        var connection = await (await admin.PostAsJsonAsync("/api/v1/connections", new { kind = "ninjaone", name = "NinjaOne" }))
            .Content.ReadFromJsonAsync<JsonNode>();
        var inbound = new Uri(connection!["inboundUrl"]!.GetValue<string>()).AbsolutePath;
        using var tool = node.Client(null);

        var sending = Enumerable.Range(0, 400).Select(i => DeliverAsync(tool, inbound, i)).ToArray();
        await Task.Delay(100);
        var exited = await node.TerminateAsync(TimeSpan.FromSeconds(5));
        var answers = await Task.WhenAll(sending);

        exited.Should().BeTrue($"the inbox drains what it queued and the process stops without waiting for requests left unanswered:\n{node.Output}");
        answers.Should().NotContain(a => a.HungUp, "a request the node took in is answered, stored (202) or refused (503), never dropped");
        var acknowledged = answers.Where(a => a.Id is not null).Select(a => a.Id!.Value).ToArray();
        acknowledged.Should().NotBeEmpty("deliveries were received before the stop");
        await using var db = await database.OpenAsync();
        var stored = (await db.QueryAsync<string>("SELECT CAST(id AS varchar(36)) FROM inbound_deliveries")).Select(Guid.Parse).ToHashSet();
        stored.Should().Contain(acknowledged, "every acknowledged delivery was stored first");
    }

    /// <summary>
    /// The delivery's id when it was acknowledged (202); whether the node hung up on a request it had taken in, rather
    /// than refusing a connection once it stopped listening.
    /// </summary>
    private static async Task<(Guid? Id, bool HungUp)> DeliverAsync(HttpClient tool, string inbound, int number)
    {
        try
        {
            using var answer = await tool.PostAsync(inbound, new StringContent($$"""{"id": {{number}}}""", Encoding.UTF8, "application/json"));
            return answer.StatusCode == HttpStatusCode.Accepted
                ? ((await answer.Content.ReadFromJsonAsync<JsonNode>())!["deliveryId"]!.GetValue<Guid>(), false)
                : (null, false);
        }
        catch (HttpRequestException e)
        {
            return (null, e.HttpRequestError == HttpRequestError.ResponseEnded);
        }
        catch (TaskCanceledException)
        {
            return (null, true);
        }
    }
}
