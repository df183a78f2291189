using Mediator;
using SlaApi.Application.Common.Persistence;

namespace SlaApi.Application.Common.Behaviours;

/// <summary>Runs each command in one transaction, committed before the response leaves the handler.</summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(IUnitOfWork unitOfWork) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || message is ICommitsItself)
            return await next(message, cancellationToken);

        await unitOfWork.BeginAsync(cancellationToken);
        try
        {
            var response = await next(message, cancellationToken);
            await unitOfWork.CommitAsync(cancellationToken);
            return response;
        }
        catch
        {
            await unitOfWork.RollbackAsync(CancellationToken.None);
            throw;
        }
    }
}
