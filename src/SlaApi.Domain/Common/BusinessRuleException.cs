namespace SlaApi.Domain.Common;

/// <summary>A rule of the business was broken; <see cref="Code"/> is stable and shown to API clients.</summary>
public sealed class BusinessRuleException(string code, string message, IReadOnlyDictionary<string, object?>? details = null)
    : Exception(message)
{
    public string Code { get; } = code;

    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}
