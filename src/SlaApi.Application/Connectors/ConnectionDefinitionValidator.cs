using FluentValidation;
using SlaApi.Application.Common.Validation;
using SlaApi.Application.Teams;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Connectors;
using SlaApi.Domain.Customers;

namespace SlaApi.Application.Connectors;

public interface IConnectionDefinition
{
    string Name { get; }

    string? Source { get; }

    string? Secret { get; }

    IReadOnlyList<string>? KeyUrlHosts { get; }

    ConnectionMappingDto? Mapping { get; }
}

public abstract class ConnectionDefinitionValidator<T> : AbstractValidator<T> where T : IConnectionDefinition
{
    /// <summary>As for a status-changed event, which is what a mapped status becomes; resolved and closed are names too.</summary>
    private const int StatusMaxLength = 50;

    protected ConnectionDefinitionValidator(ITeamRepository teams)
    {
        RuleFor(c => c.Name).ValidName(Connection.NameMaxLength);
        RuleFor(c => c.Source!).SourceName(ExternalRef.SourceMaxLength).When(c => c.Source is not null);
        RuleFor(c => c.Secret!).NotEmpty().MaximumLength(Connection.SecretMaxLength).When(c => c.Secret is not null);
        RuleFor(c => c.KeyUrlHosts!.Count).LessThanOrEqualTo(Connection.MaxKeyUrlHosts).OverridePropertyName("keyUrlHosts").When(c => c.KeyUrlHosts is not null);
        RuleForEach(c => c.KeyUrlHosts).PresentItem()
            .Must(IsHostPattern).WithMessage("'{PropertyValue}' is not a host name; give one such as api-na.myconnectwise.net, *.myconnectwise.net or an address.");
        RuleFor(c => c.Mapping!.Priorities!.Count).LessThanOrEqualTo(ConnectionMapping.MaxEntries).OverridePropertyName("mapping.priorities")
            .When(c => c.Mapping?.Priorities is not null);
        RuleForEach(c => c.Mapping!.Priorities)
            .Must(p => p.Key.Trim().Length is > 0 and <= ConnectionMapping.ValueMaxLength && ConnectionMapping.IsValidPriority(p.Value))
            .WithMessage("Each priority maps a tool's priority (at most 100 characters) to a priority from 1 to 5.").OverridePropertyName("mapping.priorities")
            .When(c => c.Mapping?.Priorities is not null);
        RuleFor(c => c.Mapping!.Statuses!.Count).LessThanOrEqualTo(ConnectionMapping.MaxEntries).OverridePropertyName("mapping.statuses")
            .When(c => c.Mapping?.Statuses is not null);
        RuleForEach(c => c.Mapping!.Statuses!.Keys)
            .Must(key => key.Trim().Length is > 0 and <= ConnectionMapping.ValueMaxLength)
            .WithMessage("Each status maps a tool's status, a non-empty id or name of at most 100 characters.").OverridePropertyName("mapping.statuses")
            .When(c => c.Mapping?.Statuses is not null);
        RuleForEach(c => c.Mapping!.Statuses!.Values).Code(StatusMaxLength).OverridePropertyName("mapping.statuses")
            .When(c => c.Mapping?.Statuses is not null);
        RuleFor(c => c.Mapping!.Boards!.Count).LessThanOrEqualTo(ConnectionMapping.MaxEntries).OverridePropertyName("mapping.boards")
            .When(c => c.Mapping?.Boards is not null);
        RuleForEach(c => c.Mapping!.Boards)
            .Must(b => b is not null && b.Trim().Length is > 0 and <= ConnectionMapping.ValueMaxLength)
            .WithMessage("Each board or queue is a non-empty id or name of at most 100 characters.").OverridePropertyName("mapping.boards")
            .When(c => c.Mapping?.Boards is not null);
        RuleFor(c => c.Mapping!.ServiceCode!).Code(Agreement.ServiceCodeMaxLength).OverridePropertyName("mapping.serviceCode")
            .When(c => c.Mapping?.ServiceCode is not null);
        RuleFor(c => c.Mapping!.Teams!.Count).LessThanOrEqualTo(ConnectionMapping.MaxEntries).OverridePropertyName("mapping.teams")
            .When(c => c.Mapping?.Teams is not null);
        RuleForEach(c => c.Mapping!.Teams!.Keys)
            .Must(key => key.Trim().Length is > 0 and <= ConnectionMapping.ValueMaxLength)
            .WithMessage("Each team maps a tool's team or queue, a non-empty id or name of at most 100 characters.").OverridePropertyName("mapping.teams")
            .When(c => c.Mapping?.Teams is not null);
        RuleFor(c => c.Mapping!.Teams!.Values).CustomAsync(async (named, context, ct) =>
        {
            var existing = await teams.FindExistingAsync(named.Distinct().ToArray(), ct);
            foreach (var missing in named.Where(id => !existing.Contains(id)).Distinct())
                context.AddFailure("mapping.teams", $"Team '{missing}' does not exist.");
        }).When(c => c.Mapping?.Teams is { Count: > 0 and <= ConnectionMapping.MaxEntries });
    }

    private static bool IsHostPattern(string host)
    {
        var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
        return name.Length is > 0 and <= 253 && Uri.CheckHostName(name) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6;
    }
}
