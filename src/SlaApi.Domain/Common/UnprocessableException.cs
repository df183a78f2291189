namespace SlaApi.Domain.Common;

/// <summary>Well-formed input that cannot be processed as it stands (HTTP 422), naming the field at fault.</summary>
public sealed class UnprocessableException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
