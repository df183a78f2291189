using System.Net;
using System.Net.Http.Headers;

namespace SlaApi.Api.FunctionalTests.Alerts;

/// <summary>Opening <c>/api/v1/alerts/stream</c> as a dashboard does: headers first, the events read as they come.</summary>
public static class AlertStreams
{
    public static HttpRequestMessage Request()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/alerts/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }

    /// <summary>The stream's response as soon as its headers arrive, whatever its status.</summary>
    public static Task<HttpResponseMessage> TryOpenAsync(HttpClient client) => client.SendAsync(Request(), HttpCompletionOption.ResponseHeadersRead);

    /// <summary>The open stream; the test fails unless it answers 200.</summary>
    public static async Task<HttpResponseMessage> OpenAsync(HttpClient client)
    {
        var response = await TryOpenAsync(client);
        if (response.StatusCode != HttpStatusCode.OK)
            Assert.Fail($"The stream answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
