using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace SlaApi.Api.FunctionalTests.Common;

/// <summary>Definitions made through any client of the API: a factory's, another node's or a separate process's.</summary>
public static class ClientSetUp
{
    /// <summary>Creates a definition and returns its id, failing the test when it is not created.</summary>
    public static async Task<string> CreateAsync(this HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    /// <summary>New York office hours, the Gold policy and Acme's agreement for 2026; returns Acme's id.</summary>
    public static async Task<string> DefineCoveredCustomerAsync(this HttpClient client)
    {
        var calendarId = await client.CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork());
        var policyId = await client.CreateAsync("/api/v1/policies", Definitions.Policy(calendarId));
        var customerId = await client.CreateAsync("/api/v1/customers", Definitions.Customer());
        await client.CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, policyId));
        return customerId;
    }
}
