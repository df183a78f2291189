using System.Text.Json;

namespace SlaApi.Infrastructure.Persistence;

/// <summary>Lists that belong to one immutable version row are stored as JSON text in a column of that row.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"Column holds no {typeof(T).Name}.");
}
