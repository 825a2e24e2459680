namespace NeedsMap.Api.Demo.Seeding.Story;

/// <summary>The story's clock: the product's services run at each step's moment, before the demo's "now".</summary>
internal sealed class DemoClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
