using NodaTime;

namespace SlaApi.Domain.Calendars;

/// <summary>A local date on which the calendar is closed from 00:00 to 24:00.</summary>
public sealed record Holiday(LocalDate Date, string Name);
