using NeedsMap.DemoCity.Needs;

namespace NeedsMap.Api.Demo.Seeding.Story;

/// <summary>The story's moments on the generator's own calendar: local (UTC+8) days counted back from the demo's now.</summary>
internal sealed class StoryCalendar(DemoNeedsGenerator generator)
{
    public DateTimeOffset Now { get; } = new(generator.Now, TimeSpan.Zero);

    /// <summary><paramref name="hour"/>:<paramref name="minute"/> local time, <paramref name="daysAgo"/> local days before today.</summary>
    public DateTimeOffset Day(int daysAgo, int hour = 0, int minute = 0) =>
        new DateTimeOffset(generator.LocalDayStartUtc(daysAgo), TimeSpan.Zero).AddHours(hour).AddMinutes(minute);
}
