using SlaApi.Application.Webhooks.CreateWebhook;

namespace SlaApi.Api.Contracts.V1;

/// <summary>A webhook subscription.</summary>
/// <param name="Url">Where deliveries are POSTed: https, on a public address.</param>
/// <param name="Types">Any of clock.threshold-reached, clock.breached, clock.met, incident.unbound, agreement.renewal-due.</param>
/// <param name="CustomerId">Only this customer's alerts; a customer-bound key gets its own customer and may name no other.</param>
/// <param name="OnlyDuringCoverage">Warnings wait until the policy's own calendar is open; breaches always go at once. False when absent.</param>
/// <param name="RenewalDays">How many days ahead of a renewal date or term end agreement.renewal-due comes, 1 to 365; 30 when absent.</param>
public sealed record WebhookRequest(string Url, IReadOnlyList<string> Types, Guid? CustomerId, bool? OnlyDuringCoverage, int? RenewalDays)
{
    public CreateWebhookCommand ToCommand() => new(Url, Types, CustomerId, OnlyDuringCoverage, RenewalDays);
}
