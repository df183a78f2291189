using FluentValidation;
using Mediator;
using SlaApi.Application.Teams;
using SlaApi.Domain.Connectors;

namespace SlaApi.Application.Connectors.CreateConnection;

public sealed record CreateConnectionCommand(
    string Kind, string Name, string? Source, string? Secret, IReadOnlyList<string>? KeyUrlHosts, ConnectionMappingDto? Mapping)
    : ICommand<ConnectionDto>, IConnectionDefinition;

public sealed class CreateConnectionValidator : ConnectionDefinitionValidator<CreateConnectionCommand>
{
    public CreateConnectionValidator(ITeamRepository teams)
        : base(teams) =>
        RuleFor(c => c.Kind).Must(k => ConnectorKinds.TryParse(k, out _))
            .WithMessage($"'kind' must be one of: {string.Join(", ", ConnectorKinds.Names)}.");
}

public sealed class CreateConnectionHandler(IConnectionRepository connections, TimeProvider time) : ICommandHandler<CreateConnectionCommand, ConnectionDto>
{
    public async ValueTask<ConnectionDto> Handle(CreateConnectionCommand command, CancellationToken ct)
    {
        ConnectorKinds.TryParse(command.Kind, out var kind);
        var connection = Connection.Create(kind, command.Name, command.Source, command.Secret, command.KeyUrlHosts ?? [],
            command.Mapping?.ToDomain() ?? ConnectionMapping.Empty, time.GetUtcNow());
        await connections.AddAsync(connection, ct);
        return ConnectionDto.From(connection);
    }
}
