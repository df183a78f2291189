using System.Reflection;
using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SlaApi.Api.OpenApi;

/// <summary>
/// A field whose .NET type cannot be null is required: a response always carries it, and a request without it is
/// refused. Clients generated from the contract then type it as non-nullable.
/// </summary>
public sealed class RequiredFields : ISchemaFilter
{
    private readonly NullabilityInfoContext _nullability = new();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } described || context.Type.IsPrimitive || context.Type.Namespace?.StartsWith("SlaApi", StringComparison.Ordinal) != true)
            return;
        lock (_nullability)
        {
            foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (described.Properties.ContainsKey(name) && _nullability.Create(property).ReadState == NullabilityState.NotNull)
                    (described.Required ??= new HashSet<string>()).Add(name);
            }
        }
    }
}
