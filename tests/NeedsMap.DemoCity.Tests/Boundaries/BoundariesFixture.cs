using NeedsMap.DemoCity.Boundaries;

namespace NeedsMap.DemoCity.Tests.Boundaries;

/// <summary>Generating takes about a second; the tests of one class share the process-wide instance.</summary>
public static class Yiwu
{
    public static DemoBoundaries Boundaries => DemoBoundaryGenerator.Yiwu;

    /// <summary>Relative area tolerance for "tiles exactly": far below one square centimetre on 1105 km².</summary>
    public const double RelativeAreaTolerance = 1e-9;
}
