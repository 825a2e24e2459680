namespace NeedsMap.Api.Demo;

/// <summary>
/// <c>NeedsMap:Demo</c>: demo mode, in which anyone who reaches the server may sign in as a demo persona
/// (<see cref="DemoPersonas"/>). <c>scripts/run</c> turns it on in the Development environment; Production refuses to start with it.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "NeedsMap:Demo";

    public bool Enabled { get; set; }

    /// <summary>How long a persona's token lasts.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
}
