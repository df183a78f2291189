using FluentValidation;
using Mediator;
using SlaApi.Application.Access;

namespace SlaApi.Application.Alerts.ListAlerts;

/// <summary>Alerts that fired after the cursor <see cref="After"/>, oldest first; a customer-bound key sees its customer's.</summary>
public sealed record ListAlertsQuery(long After, int Limit, Guid? CustomerId = null) : IQuery<AlertPageDto>;

public sealed class ListAlertsValidator : AbstractValidator<ListAlertsQuery>
{
    public const int MaxLimit = 500;

    public ListAlertsValidator()
    {
        RuleFor(q => q.After).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
    }
}

public sealed class ListAlertsHandler(IAlertRepository alerts, ICallerContext caller) : IQueryHandler<ListAlertsQuery, AlertPageDto>
{
    public async ValueTask<AlertPageDto> Handle(ListAlertsQuery query, CancellationToken ct)
    {
        var customerId = caller.CustomerScope ?? query.CustomerId;
        if (caller.CustomerScope is { } scope && query.CustomerId is { } asked && asked != scope)
            return new AlertPageDto([], query.After);
        var items = await alerts.ListAfterAsync(query.After, customerId, query.Limit, ct);
        return new AlertPageDto(items, items.Count == 0 ? query.After : items[^1].Sequence);
    }
}
