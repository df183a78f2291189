using FluentAssertions;
using NodaTime;
using SlaApi.Application.Incidents;
using SlaApi.Application.Incidents.Ingestion;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.UnitTests.Incidents;

public sealed class IncidentCacheTests
{
    private static readonly Instant Opened = Instant.FromUtc(2026, 11, 25, 11, 0);

    [Test]
    public void PastItsBound_TheLeastRecentlyUsedIncidentsGoFirst()
    {
        var cache = new IncidentCache(maxCachedEvents: 6);
        var (a, b, c) = (WithEvents(2), WithEvents(2), WithEvents(2));
        cache.Remember(a, 0, null);
        cache.Remember(b, 0, null);
        cache.Remember(c, 0, null);

        cache.Find(a.Id, new IncidentStamp(2, 0)).Should().NotBeNull("a was used last, so b is now the oldest");
        cache.Remember(WithEvents(2), 0, null);

        cache.Find(b.Id, new IncidentStamp(2, 0)).Should().BeNull();
        cache.Find(a.Id, new IncidentStamp(2, 0)).Should().NotBeNull();
        cache.Find(c.Id, new IncidentStamp(2, 0)).Should().NotBeNull();
    }

    [Test]
    public void AnIncidentGrowingPastTheBound_PushesOutOthers_NotItself()
    {
        var cache = new IncidentCache(maxCachedEvents: 6);
        var (a, b) = (WithEvents(2), WithEvents(2));
        cache.Remember(a, 0, null);
        cache.Remember(b, 0, null);

        var grown = WithEvents(4, a.Id);
        cache.Remember(grown, 0, null);

        cache.Find(a.Id, new IncidentStamp(4, 0)).Should().NotBeNull("the entry replaced holds its new count");
        cache.Find(a.Id, new IncidentStamp(2, 0)).Should().BeNull("an entry is used only at the count stored");
        cache.Find(b.Id, new IncidentStamp(2, 0)).Should().NotBeNull("4 + 2 events fit the bound of 6");
        cache.Remember(WithEvents(1), 0, null);
        cache.Find(a.Id, new IncidentStamp(4, 0)).Should().BeNull("b was used after a, so a went to make room");
        cache.Find(b.Id, new IncidentStamp(2, 0)).Should().NotBeNull();
    }

    [Test]
    public void Forgotten_IncidentsAreGone_AndFreeTheirShare()
    {
        var cache = new IncidentCache(maxCachedEvents: 4);
        var (a, b) = (WithEvents(2), WithEvents(2));
        cache.Remember(a, 0, null);
        cache.Remember(b, 0, null);

        cache.Forget([a.Id]);
        cache.Remember(WithEvents(2), 0, null);

        cache.Find(a.Id, new IncidentStamp(2, 0)).Should().BeNull();
        cache.Find(b.Id, new IncidentStamp(2, 0)).Should().NotBeNull("forgetting a made room, so nothing else was evicted");
    }

    [Test]
    public void AnIncidentWhoseStateWasRecomputedElsewhere_IsNotUsed()
    {
        var cache = new IncidentCache();
        var restated = WithEvents(3);
        cache.Remember(restated, stateRevision: 0, null);

        cache.Find(restated.Id, new IncidentStamp(3, 1)).Should().BeNull("a restatement on any node bumped the stored revision; the events alone did not change");
        cache.Find(restated.Id, new IncidentStamp(3, 0)).Should().NotBeNull();
    }

    private static Incident WithEvents(int count, Guid? id = null)
    {
        var incident = Incident.Rehydrate(id ?? Guid.NewGuid(), "connectwise", "T-1", Guid.NewGuid(), "Email is down", 1, null, "new", Opened,
            null, "No agreement.", []);
        for (var i = 0; i < count; i++)
            incident.Record($"e{i}", IncidentEventType.Updated, Opened + Duration.FromMinutes(i), null, null, null, Opened + Duration.FromHours(1));
        return incident;
    }
}
