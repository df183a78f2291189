using FluentValidation;
using Mediator;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Teams;
using SlaApi.Domain.Connectors;

namespace SlaApi.Application.Connectors.ReviseConnection;

/// <param name="Secret">Null keeps the current secret.</param>
public sealed record ReviseConnectionCommand(
    Guid Id, int ExpectedVersion, string Name, string? Source, string? Secret, IReadOnlyList<string>? KeyUrlHosts, ConnectionMappingDto? Mapping)
    : ICommand<ConnectionDto>, IConnectionDefinition;

public sealed class ReviseConnectionValidator : ConnectionDefinitionValidator<ReviseConnectionCommand>
{
    public ReviseConnectionValidator(ITeamRepository teams)
        : base(teams) => RuleFor(c => c.ExpectedVersion).GreaterThanOrEqualTo(1).OverridePropertyName("If-Match");
}

public sealed class ReviseConnectionHandler(IConnectionRepository connections, ConnectionCache cache, TimeProvider time)
    : ICommandHandler<ReviseConnectionCommand, ConnectionDto>
{
    public async ValueTask<ConnectionDto> Handle(ReviseConnectionCommand command, CancellationToken ct)
    {
        var current = await connections.GetAsync(command.Id, ct) ?? throw new NotFoundException("Connection", command.Id);
        if (current.Version != command.ExpectedVersion)
            throw new PreconditionFailedException("Connection", command.Id, command.ExpectedVersion, current.Version);
        var revised = current.Revise(command.Name, command.Source, command.Secret, command.KeyUrlHosts ?? [],
            command.Mapping?.ToDomain() ?? ConnectionMapping.Empty, time.GetUtcNow());
        if (!await connections.AddVersionAsync(revised, ct))
            throw new PreconditionFailedException("Connection", command.Id, command.ExpectedVersion, revised.Version);
        cache.Forget(command.Id);
        return ConnectionDto.From(revised);
    }
}
