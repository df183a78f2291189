using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using SlaApi.Application.Alerts;
using SlaApi.Infrastructure.Webhooks;

namespace SlaApi.Infrastructure.Alerts;

/// <summary>
/// Fires the planned alarms when they fall due (sla-semantics §7). It reads only the alarms due now, by their index on
/// the due instant, never the clocks. It sleeps until the earliest planned alarm or for <see cref="PollInterval"/>
/// (alarms another node planned), whichever is sooner, and is woken at once when this node plans one that is due.
/// Several nodes may run it on one database: each claims rows the others do not hold.
/// </summary>
public sealed class AlertScheduler(
    IServiceScopeFactory scopes, TimeProvider time, AlertNotifier notifier, WebhookDispatcher dispatcher, ILogger<AlertScheduler> logger)
    : SupervisedLoop(time, logger)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>An alert fired later than this after its instant is marked late (sla-semantics §7).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);

    /// <summary>An alarm planned due sooner than the next poll wakes the scheduler.</summary>
    public static readonly Duration Lookahead = Duration.FromTimeSpan(PollInterval);

    public static readonly TimeSpan RenewalCheckInterval = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(20);

    protected override string Name => "alert scheduler";

    protected override async Task RunAsync(CancellationToken ct)
    {
        DateTimeOffset? lastRenewalCheck = null;
        while (true)
        {
            var now = Time.GetUtcNow();
            FiringResult round;
            do
            {
                round = await InScopeAsync(firing => firing.FireDueAsync(now, ct));
            }
            while (round.Claimed == AlertFiring.BatchSize);
            // A clock set back (by an operator, or a test) checks again rather than waiting for its old schedule.
            if (lastRenewalCheck is not { } last || now >= last + RenewalCheckInterval || now < last)
            {
                await InScopeAsync(firing => firing.FireRenewalsAsync(now, RenewalCheckInterval, ct));
                lastRenewalCheck = now;
            }
            await SleepAsync(await UntilNextDueAsync(ct), ct);
        }
    }

    private async Task<TimeSpan> UntilNextDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var next = await scope.ServiceProvider.GetRequiredService<AlertFiring>().NextDueAsync(ct);
        var wait = next is { } due ? due - Time.GetUtcNow() : PollInterval;
        // An alarm due but held by another node's round is left to it rather than polled for in a tight loop.
        return wait < MinimumWait ? MinimumWait : wait > PollInterval ? PollInterval : wait;
    }

    private async Task<FiringResult> InScopeAsync(Func<AlertFiring, Task<FiringResult>> fire)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await fire(scope.ServiceProvider.GetRequiredService<AlertFiring>());
        if (result.Fired > 0)
            notifier.Fired();
        if (result.Deliveries > 0)
            dispatcher.Wake();
        return result;
    }
}
