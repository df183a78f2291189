using System.Collections.Concurrent;
using NJsonSchema;
using NSwag;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Contract;

/// <summary>
/// Checks a response against api-spec/openapi.v1.json: its status is documented for the operation, its content type
/// is one the contract lists, and its body matches that content's schema, where an object may hold no field the
/// contract does not name. Requests no operation of the contract matches (health, metrics, unknown paths) are not checked.
/// </summary>
public sealed class ContractValidator
{
    private static readonly Lazy<ContractValidator> Shared = new(() => new ContractValidator(
        OpenApiDocument.FromFileAsync(RepoPaths.ApiSpec("openapi.v1.json")).GetAwaiter().GetResult()));

    private readonly Operation[] _operations;
    private readonly ConcurrentQueue<string> _violations = new();

    private ContractValidator(OpenApiDocument document)
    {
        foreach (var schema in document.Definitions.Values)
            ForbidUnnamedFields(schema);
        _operations = document.Operations
            .Select(o => new Operation($"{o.Method.ToUpperInvariant()} {o.Path}", o.Method, o.Path.Trim('/').Split('/'), o.Operation))
            .ToArray();
    }

    public static ContractValidator Instance => Shared.Value;

    /// <summary>Every violation found so far, oldest first.</summary>
    public IReadOnlyCollection<string> Violations => _violations;

    /// <returns>What the response does against the contract, or null when it keeps to it or no operation matches.</returns>
    public string? Check(string method, string path, int status, string? contentType, string body)
    {
        if (Match(method, path) is not { } operation)
            return null;
        var violation = CheckResponse(operation, status, contentType, body);
        if (violation is null)
            return null;
        var message = $"{method} {path} answered {status} ({contentType ?? "no content type"}) against {operation.Name}: {violation}";
        _violations.Enqueue(message);
        return message;
    }

    /// <returns>How the body breaks the operation's request schema, or null when it keeps to it.</returns>
    public string? CheckRequestBody(string operationId, string body)
    {
        var operation = _operations.Single(o => o.Definition.OperationId == operationId);
        var schema = operation.Definition.RequestBody!.Content["application/json"].Schema.ActualSchema;
        var errors = schema.Validate(body, SchemaType.OpenApi3);
        return errors.Count == 0 ? null : string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}"));
    }

    private static string? CheckResponse(Operation operation, int status, string? contentType, string body)
    {
        if (!operation.Definition.ActualResponses.TryGetValue(status.ToString(), out var response))
            return $"the contract documents no {status} for it.";
        if (response.Content.Count == 0)
            return body.Length == 0 ? null : "the contract documents no body, but one was sent.";
        var mediaType = contentType?.Split(';')[0].Trim();
        if (mediaType is null || !response.Content.TryGetValue(mediaType, out var content))
            return $"the content type is not one of {string.Join(", ", response.Content.Keys)}.";
        var schema = content.Schema?.ActualSchema;
        if (schema is null)
            return null;
        if (!mediaType.EndsWith("json", StringComparison.Ordinal))
            return schema.Type.HasFlag(JsonObjectType.String) ? null : $"a {mediaType} body is text, but its schema is not a string.";
        var errors = schema.Validate(body, SchemaType.OpenApi3);
        return errors.Count == 0 ? null : "the body does not match its schema: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}"));
    }

    private Operation? Match(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        return _operations
            .Where(o => o.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && o.Segments.Length == segments.Length)
            .Select(o => (Operation: o, Literals: Literals(o.Segments, segments)))
            .Where(m => m.Literals >= 0)
            .OrderByDescending(m => m.Literals)
            .Select(m => m.Operation)
            .FirstOrDefault();
    }

    /// <returns>How many of the template's segments are literals, or -1 when the path does not fit the template.</returns>
    private static int Literals(string[] template, string[] segments)
    {
        var literals = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i].StartsWith('{'))
                continue;
            if (!template[i].Equals(segments[i], StringComparison.Ordinal))
                return -1;
            literals++;
        }
        return literals;
    }

    /// <summary>An object whose schema names its fields and says nothing of others may hold no others.</summary>
    private static void ForbidUnnamedFields(JsonSchema schema)
    {
        if (schema.Properties.Count > 0 && schema.AdditionalPropertiesSchema is null)
            schema.AllowAdditionalProperties = false;
    }

    private sealed record Operation(string Name, string Method, string[] Segments, OpenApiOperation Definition);
}
