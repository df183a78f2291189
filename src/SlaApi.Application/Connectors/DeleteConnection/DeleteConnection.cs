using Mediator;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Connectors.DeleteConnection;

public sealed record DeleteConnectionCommand(Guid Id) : ICommand;

public sealed class DeleteConnectionHandler(IConnectionRepository connections, ConnectionCache cache, TimeProvider time) : ICommandHandler<DeleteConnectionCommand>
{
    public async ValueTask<Unit> Handle(DeleteConnectionCommand command, CancellationToken ct)
    {
        if (!await connections.DeleteAsync(command.Id, time.GetUtcNow(), ct))
            throw new NotFoundException("Connection", command.Id);
        cache.Forget(command.Id);
        return Unit.Value;
    }
}
