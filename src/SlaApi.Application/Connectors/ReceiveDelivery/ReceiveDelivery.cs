using System.Text;
using FluentValidation;
using Mediator;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Common.Persistence;

namespace SlaApi.Application.Connectors.ReceiveDelivery;

/// <summary>Stores a tool's delivery once it is proved authentic, and answers as soon as it is committed; processing follows.</summary>
public sealed record ReceiveDeliveryCommand(Guid ConnectionId, string Token, byte[] Body, DeliveryCredentials Credentials) : ICommand<ReceivedDelivery>, ICommitsItself;

public sealed record ReceivedDelivery(Guid DeliveryId);

public sealed class ReceiveDeliveryValidator : AbstractValidator<ReceiveDeliveryCommand>
{
    public ReceiveDeliveryValidator() =>
        RuleFor(c => c.Body).NotEmpty().WithMessage("The delivery has no body.")
            .Must(IsUtf8).WithMessage("The delivery is not UTF-8 text.").OverridePropertyName("body");

    private static bool IsUtf8(byte[] body) => System.Text.Unicode.Utf8.IsValid(body);
}

public sealed class ReceiveDeliveryHandler(
    IConnectionRepository connections, ConnectionCache cache, IInboundVerifier verifier, IInbox inbox, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<ReceiveDeliveryCommand, ReceivedDelivery>
{
    public async ValueTask<ReceivedDelivery> Handle(ReceiveDeliveryCommand command, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var connection = await cache.GetAsync(command.ConnectionId, connections, now, ct) ?? throw new NotFoundException("Connection", command.ConnectionId);
        if (await verifier.RefusalAsync(connection, command.Token, command.Body, command.Credentials, ct) is { } refusal)
            throw new UnauthenticatedException(refusal);
        var delivery = new InboundDelivery(Guid.CreateVersion7(now), connection.Id, now, Encoding.UTF8.GetString(command.Body), IsRecord: false, Attempts: 0);
        await unitOfWork.ReleaseConnectionAsync();
        await inbox.StoreAsync(delivery, ct);
        return new ReceivedDelivery(delivery.Id);
    }
}
