namespace NeedsMap.Api.Weather.Warnings;

/// <summary>What a warning is about: a rise in counts, or social risk in what residents write and do.</summary>
public enum WarningKind
{
    /// <summary>A rise in demand its history does not explain (<see cref="WarningDetector"/>).</summary>
    Surge,
    /// <summary>Collective action, escalation, anger or repeats after an answer in one matter (<see cref="Risk.SocialRiskDetector"/>).</summary>
    SocialRisk,
}

public enum WarningScope
{
    Cell,
    Jurisdiction,
    Category,
}

/// <summary>A rise in demand its history does not explain, with the evidence for it.</summary>
public sealed class DemandWarning
{
    public long Id { get; init; }
    public WarningKind Kind { get; init; }
    public WarningScope Scope { get; init; }
    /// <summary>The matter's leaf category, for a social-risk warning.</summary>
    public string? CategoryCode { get; init; }
    /// <summary>The cell id, community code or category code the rise is in.</summary>
    public required string ScopeKey { get; init; }
    public string? JurisdictionCode { get; init; }
    public string? JurisdictionPath { get; init; }
    /// <summary>The first and the last city day of the window observed (both included).</summary>
    public DateOnly WindowStart { get; init; }
    public DateOnly WindowEnd { get; init; }
    public int Observed { get; init; }
    public double Expected { get; init; }
    public double PValue { get; init; }
    public required string Test { get; init; }
    /// <summary>The baseline windows' counts, oldest first, as JSON.</summary>
    public required string Evidence { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
}
