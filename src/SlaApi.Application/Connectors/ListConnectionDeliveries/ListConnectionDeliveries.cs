using FluentValidation;
using Mediator;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Connectors.ListConnectionDeliveries;

public sealed record ListConnectionDeliveriesQuery(Guid ConnectionId, string? Status, int Limit) : IQuery<IReadOnlyList<InboundDeliveryDto>>;

public sealed class ListConnectionDeliveriesValidator : AbstractValidator<ListConnectionDeliveriesQuery>
{
    public const int MaxLimit = 200;

    public ListConnectionDeliveriesValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        RuleFor(q => q.Status).Must(s => s is null || InboundStatus.All.Contains(s))
            .WithMessage($"'status' must be one of: {string.Join(", ", InboundStatus.All)}.");
    }
}

public sealed class ListConnectionDeliveriesHandler(IConnectionRepository connections, IInboundRepository inbox)
    : IQueryHandler<ListConnectionDeliveriesQuery, IReadOnlyList<InboundDeliveryDto>>
{
    public async ValueTask<IReadOnlyList<InboundDeliveryDto>> Handle(ListConnectionDeliveriesQuery query, CancellationToken ct)
    {
        _ = await connections.GetAsync(query.ConnectionId, ct) ?? throw new NotFoundException("Connection", query.ConnectionId);
        return await inbox.ListAsync(query.ConnectionId, query.Status, query.Limit, ct);
    }
}
