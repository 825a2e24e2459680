namespace NeedsMap.Api.Cells.Warnings;

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
    public WarningScope Scope { get; init; }
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
