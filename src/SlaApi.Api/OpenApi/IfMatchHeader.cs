using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SlaApi.Api.OpenApi;

/// <summary>A revision (an operation that answers 428 without it) takes the version it edits in <c>If-Match</c>.</summary>
public sealed class IfMatchHeader : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses?.ContainsKey("428") != true)
            return;
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-Match",
            In = ParameterLocation.Header,
            Required = true,
            Description = "The ETag of the version being revised, as read (\"3\" for version 3). 412 when a later version exists.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }
}
