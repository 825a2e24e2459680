namespace NeedsMap.Api.Demo.Seeding.Story;

/// <summary>
/// When the demo's generated needs end: set by <see cref="DemoCityLoader"/> when it loads them in this process, so the
/// story that follows is placed on exactly the generator's calendar (its days, its booking day).
/// </summary>
public sealed class DemoTimeline
{
    public DateTimeOffset? NeedsEndAt { get; set; }
}
