using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;

namespace SlaApi.Api.ErrorHandling;

/// <summary>
/// What a field of a request body must hold, found by walking the body's type along the JSON path of an error:
/// the serializer's own message names the enclosing record type, which means nothing to a caller.
/// </summary>
public static partial class ExpectedJson
{
    public static string Describe(Type? body, string path)
    {
        var type = body;
        foreach (Match segment in PathSegment().Matches(path))
        {
            if (type is null)
                break;
            type = segment.Groups["index"].Success
                ? ElementType(type)
                : type.GetProperty(segment.Groups["name"].Value, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
        }
        return type is null ? "a value of the type the contract gives" : Describe(type);
    }

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "a string",
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when type == typeof(decimal) || type == typeof(double) => "a number",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(Guid) => "a UUID, such as \"0190f3c4-5b7e-7a1c-9d2e-3f4a5b6c7d8e\"",
            _ when type == typeof(DateTimeOffset) => "an RFC 3339 date-time with an offset, such as \"2026-11-25T09:30:00Z\"",
            _ when type == typeof(DateOnly) => "a date written yyyy-MM-dd, such as \"2026-12-01\"",
            _ when ElementType(type) is not null => "an array",
            _ => "an object",
        };
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
          ?? (typeof(IEnumerable).IsAssignableFrom(type) ? typeof(object) : null);

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}
