using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SlaApi.Api.OpenApi;

/// <summary>A report's <c>text/csv</c> answer is text: RFC 4180 rows under a header line of the JSON rows' field names.</summary>
public sealed class CsvResponsesAreText : IOperationFilter
{
    private static readonly OpenApiSchema CsvText = new()
    {
        Type = JsonSchemaType.String,
        Description = "RFC 4180 CSV: a header line of the rows' camelCase field names, then one line per row; instants in RFC 3339 UTC, empty for null.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses is null)
            return;
        foreach (var response in operation.Responses.Values)
        {
            if (response.Content?.ContainsKey(Endpoints.CsvReport.ContentType) == true)
                response.Content[Endpoints.CsvReport.ContentType] = new OpenApiMediaType { Schema = CsvText };
        }
    }
}
