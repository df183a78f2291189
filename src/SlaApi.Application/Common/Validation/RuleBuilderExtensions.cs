using System.Text.RegularExpressions;
using FluentValidation;
using NodaTime;
using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Common;

namespace SlaApi.Application.Common.Validation;

public static partial class RuleBuilderExtensions
{
    /// <summary>Ten years of minutes: the longest duration the engine is asked for.</summary>
    public const int MaxMinutes = 5_256_000;

    public static IRuleBuilderOptions<T, string> ValidName<T>(this IRuleBuilder<T, string> rule, int maxLength) =>
        rule.NotEmpty().Must(n => n.Trim().Length > 0).WithMessage("'{PropertyName}' must not be blank.").MaximumLength(maxLength);

    public static IRuleBuilderOptions<T, string> KnownTimeZone<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Must(zone => DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is not null)
            .WithMessage("'{PropertyValue}' is not an IANA time zone of the tz database.");

    public static IRuleBuilderOptions<T, string> Code<T>(this IRuleBuilder<T, string> rule, int maxLength) =>
        rule.NotEmpty().MaximumLength(maxLength).Matches(CodePattern())
            .WithMessage("'{PropertyName}' may hold only lower-case letters, digits, '.', '_' and '-'.");

    /// <summary>A tool name such as "ConnectWise" or "ninjaone"; stored in lower case.</summary>
    public static IRuleBuilderOptions<T, string> SourceName<T>(this IRuleBuilder<T, string> rule, int maxLength) =>
        rule.NotEmpty().MaximumLength(maxLength).Matches(SourcePattern())
            .WithMessage("'{PropertyName}' may hold only letters, digits, '.', '_' and '-'.");

    public static IRuleBuilderOptions<T, DateTimeOffset> SupportedInstant<T>(this IRuleBuilder<T, DateTimeOffset> rule) =>
        rule.Must(SupportedTime.Contains).WithMessage($"'{{PropertyName}}' must be an instant {SupportedTime.Describe()}.");

    public static IRuleBuilderOptions<T, DateTimeOffset?> SupportedInstant<T>(this IRuleBuilder<T, DateTimeOffset?> rule) =>
        rule.Must(i => i is null || SupportedTime.Contains(i.Value)).WithMessage($"'{{PropertyName}}' must be an instant {SupportedTime.Describe()}.");

    /// <summary>Refuses a null item: FluentValidation's child rules skip a null item silently, so it must be refused first.</summary>
    public static IRuleBuilderOptions<T, TItem> PresentItem<T, TItem>(this IRuleBuilderInitialCollection<T, TItem> rule) =>
        rule.NotNull().WithMessage("'{PropertyName}' must not be null.");

    public static void ValidPage<T>(this AbstractValidator<T> validator, Func<T, PageRequest> page)
    {
        validator.RuleFor(x => page(x).PageNumber).GreaterThanOrEqualTo(1).OverridePropertyName("page");
        validator.RuleFor(x => page(x).PageSize).InclusiveBetween(1, PageRequest.MaxPageSize).OverridePropertyName("pageSize");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SourcePattern();
}
