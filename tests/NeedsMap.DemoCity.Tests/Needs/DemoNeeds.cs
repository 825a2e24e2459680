using NeedsMap.DemoCity.Boundaries;
using NeedsMap.DemoCity.Needs;

namespace NeedsMap.DemoCity.Tests.Needs;

/// <summary>The default demo set, generated once per test run with a fixed clock.</summary>
public static class DemoNeeds
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<DemoNeedsGenerator> LazyGenerator = new(() => new DemoNeedsGenerator(DemoBoundaryGenerator.Yiwu, Now));
    private static readonly Lazy<IReadOnlyList<DemoNeed>> LazyDefault = new(() => Generator.Generate().ToList());

    public static DemoNeedsGenerator Generator => LazyGenerator.Value;

    public static IReadOnlyList<DemoNeed> Default => LazyDefault.Value;

    /// <summary>The local (UTC+8) month a need was received in.</summary>
    public static int LocalMonth(this DemoNeed need) => need.ReceivedAt.AddHours(8).Month;

    public static int LocalHour(this DemoNeed need) => need.ReceivedAt.AddHours(8).Hour;
}
