using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace SlaApi.Api.FunctionalTests.Common;

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/> and returns its body.</summary>
    public static async Task<JsonNode> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType.Should().NotBeNull(body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(body)!;
        problem["status"]!.GetValue<int>().Should().Be((int)status);
        body.Should().NotContain("   at ", "no stack trace leaves the server");
        return problem;
    }

    /// <summary>Asserts a 400 validation problem that names <paramref name="field"/> and returns its messages.</summary>
    public static async Task<string[]> ShouldBeValidationProblemAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]?.AsObject();
        errors.Should().NotBeNull("a validation problem lists its field errors");
        errors!.Select(e => e.Key).Should().Contain(field);
        return errors[field]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();
    }
}
