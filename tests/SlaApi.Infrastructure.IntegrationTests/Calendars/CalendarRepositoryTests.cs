using FluentAssertions;
using SlaApi.Application.Calendars;
using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Calendars;
using SlaApi.TestSupport;

namespace SlaApi.Infrastructure.IntegrationTests.Calendars;

public sealed class CalendarRepositoryTests(TestEngine engine) : DatabaseTest(engine)
{
    [Test]
    public async Task AddAsync_ThenGetAsync_ReturnsTheSameDefinition()
    {
        var calendars = Get<ICalendarRepository>();
        var calendar = Builders.Calendar();

        await calendars.AddAsync(calendar, CancellationToken.None);
        var stored = await calendars.GetAsync(calendar.Id, null, CancellationToken.None);

        stored.Should().BeEquivalentTo(calendar, o => o.Excluding(c => c.Week));
        stored!.Week.Intervals.Should().Equal(calendar.Week.Intervals);
        stored.VersionEffectiveFrom.Should().Be(Builders.Now);
    }

    [Test]
    public async Task AddVersionAsync_FromLatest_BecomesLatestAndKeepsHistory()
    {
        var calendars = Get<ICalendarRepository>();
        var first = Builders.Calendar();
        await calendars.AddAsync(first, CancellationToken.None);
        var second = first.Revise("Renamed", "America/New_York", first.Week, [], Builders.Now.AddDays(1));

        (await calendars.AddVersionAsync(second, CancellationToken.None)).Should().BeTrue();

        (await calendars.GetAsync(first.Id, null, CancellationToken.None))!.Name.Should().Be("Renamed");
        (await calendars.GetAsync(first.Id, 1, CancellationToken.None))!.Name.Should().Be("Office hours");
        (await calendars.GetAsync(first.Id, 3, CancellationToken.None)).Should().BeNull();
    }

    [Test]
    public async Task AddVersionAsync_WhenAnotherEditGotThereFirst_ReturnsFalse()
    {
        var calendars = Get<ICalendarRepository>();
        var first = Builders.Calendar();
        await calendars.AddAsync(first, CancellationToken.None);
        await calendars.AddVersionAsync(first.Revise("A", "UTC", first.Week, [], Builders.Now), CancellationToken.None);

        var stale = first.Revise("B", "UTC", first.Week, [], Builders.Now);

        (await calendars.AddVersionAsync(stale, CancellationToken.None)).Should().BeFalse();
        (await calendars.GetAsync(first.Id, null, CancellationToken.None))!.Name.Should().Be("A");
    }

    [Test]
    public async Task GetAsync_BuiltInCalendar_IsAnsweredWithoutStorage()
    {
        var calendars = Get<ICalendarRepository>();

        (await calendars.GetAsync(Calendar.TwentyFourSevenId, null, CancellationToken.None)).Should().BeSameAs(Calendar.TwentyFourSeven);
        (await calendars.GetAsync(Calendar.TwentyFourSevenId, 2, CancellationToken.None)).Should().BeNull();
    }

    [Test]
    public async Task FindExistingAsync_ReturnsOnlyKnownIds()
    {
        var calendars = Get<ICalendarRepository>();
        var stored = Builders.Calendar();
        await calendars.AddAsync(stored, CancellationToken.None);
        var unknown = Guid.NewGuid();

        var existing = await calendars.FindExistingAsync([stored.Id, unknown, Calendar.TwentyFourSevenId], CancellationToken.None);

        existing.Should().BeEquivalentTo([stored.Id, Calendar.TwentyFourSevenId]);
    }

    [Test]
    public async Task ListAsync_PagesLatestVersions_BuiltInFirst()
    {
        var calendars = Get<ICalendarRepository>();
        for (var i = 1; i <= 4; i++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            await calendars.AddAsync(Calendar.Define($"Calendar {i}", "UTC", Builders.Calendar().Week, [], Time.GetUtcNow()), CancellationToken.None);
        }

        var first = await calendars.ListAsync(new PageRequest(1, 2), CancellationToken.None);
        var second = await calendars.ListAsync(new PageRequest(2, 2), CancellationToken.None);
        var third = await calendars.ListAsync(new PageRequest(3, 2), CancellationToken.None);

        first.TotalItems.Should().Be(5);
        first.Items.Select(c => c.Name).Should().Equal("24x7", "Calendar 1");
        second.Items.Select(c => c.Name).Should().Equal("Calendar 2", "Calendar 3");
        third.Items.Select(c => c.Name).Should().Equal("Calendar 4");
    }
}
