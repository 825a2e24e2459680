using NeedsMap.Api.Loop.Scenes.Effect;

namespace NeedsMap.Api.Tests.Loop;

public sealed class DifferenceInDifferencesTests
{
    [Fact]
    public void The_estimate_is_the_scene_s_change_beyond_the_control_s_in_needs_a_week_and_as_a_share_of_baseline()
    {
        var e = DifferenceInDifferences.Compute([6, 6, 6, 6], [3, 3, 3, 3], [10, 10, 10, 10], [10, 10, 10, 10]);
        Assert.Equal((6.0, 3.0, 10.0, 10.0), (e.SceneBefore, e.SceneAfter, e.ControlBefore, e.ControlAfter));
        Assert.Equal(-3.0, e.Difference, 9);
        Assert.Equal(-0.5, e.Relative!.Value, 9);
        Assert.Equal((-0.5, -0.5), (e.Low!.Value, e.High!.Value));
    }

    [Fact]
    public void A_fall_everywhere_is_not_credited_to_the_scene()
    {
        var e = DifferenceInDifferences.Compute([6, 5, 7, 6], [3, 3, 2, 4], [12, 10, 14, 12], [6, 6, 4, 8]);
        Assert.InRange(e.Relative!.Value, -0.05, 0.05);
        Assert.True(e.Low < 0 && e.High > 0);
    }

    [Fact]
    public void Without_a_baseline_there_is_no_relative_effect_or_interval()
    {
        var e = DifferenceInDifferences.Compute([0, 0], [1, 0], [3, 4], [3, 4]);
        Assert.Null(e.Relative);
        Assert.Null(e.High);
    }

    [Fact]
    public void The_interval_is_reproducible()
    {
        int[] sb = [6, 5, 7, 6, 5, 6], sa = [2, 1, 1, 0, 1], cb = [7, 8, 7, 8, 6, 7], ca = [8, 6, 7, 8, 6];
        Assert.Equal(DifferenceInDifferences.Compute(sb, sa, cb, ca), DifferenceInDifferences.Compute(sb, sa, cb, ca));
    }
}
