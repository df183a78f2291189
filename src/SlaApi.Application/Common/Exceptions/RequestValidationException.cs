using FluentValidation.Results;

namespace SlaApi.Application.Common.Exceptions;

/// <summary>The request broke one or more validation rules; <see cref="Errors"/> maps each field to its messages.</summary>
public sealed class RequestValidationException(IEnumerable<ValidationFailure> failures)
    : Exception("One or more validation errors occurred.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = failures
        .GroupBy(f => f.PropertyName, f => f.ErrorMessage)
        .ToDictionary(g => g.Key, g => g.Distinct().ToArray());

    public static RequestValidationException For(string field, string message) => new([new ValidationFailure(field, message)]);
}
