namespace NeedsMap.Sdk.Testing;

/// <summary>Tunes <see cref="AdapterConformance"/>.</summary>
public sealed record ConformanceOptions
{
    /// <summary>The defaults: no expected area, the default test clock.</summary>
    public static ConformanceOptions Default { get; } = new();

    /// <summary>If set, every location, converted to WGS-84, must fall inside it (e.g. the city's extent).</summary>
    public GeoBoundingBox? ExpectedArea { get; init; }

    /// <summary>The clock the samples are parsed at; records may not be received after it.</summary>
    public DateTimeOffset Now { get; init; } = TestChannelContext.DefaultNow;

    /// <summary>How many pulls <see cref="AdapterConformance.CheckPullAsync"/> makes before calling a source endless.</summary>
    public int MaxPulls { get; init; } = 100;
}

/// <summary>A WGS-84 longitude/latitude box.</summary>
/// <param name="West">Smallest longitude.</param>
/// <param name="South">Smallest latitude.</param>
/// <param name="East">Largest longitude.</param>
/// <param name="North">Largest latitude.</param>
public sealed record GeoBoundingBox(double West, double South, double East, double North)
{
    /// <summary>Whether the point lies inside the box, edges included.</summary>
    public bool Contains(double longitude, double latitude) =>
        longitude >= West && longitude <= East && latitude >= South && latitude <= North;
}
