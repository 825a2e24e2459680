namespace NeedsMap.Api.Loop.Shared;

/// <summary>Settings of the closed loop, bound from NeedsMap:Loop.</summary>
public sealed class LoopOptions
{
    /// <summary>How often the escalation job looks for overdue whistles; zero turns the job off.</summary>
    public TimeSpan EscalationInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after a whistle is resolved its resident may reopen it.</summary>
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromDays(15);

    /// <summary>Support votes that mark a proposal as supported, unless the consultation sets its own.</summary>
    public int DefaultSupportThreshold { get; set; } = 3;
}
