using NeedsMap.Api.Loop.Scenes.Effect;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Foresight;

public sealed class SceneJudgeTests
{
    private static Dictionary<string, int[]> Panel(int seed, int communities, double rate, int weeks)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, communities).ToDictionary(i => $"c{i:D3}", _ => Enumerable.Range(0, weeks).Select(_ => random.NextPoisson(rate)).ToArray());
    }


    [Fact]
    public void A_large_fall_is_effective_and_no_change_is_not()
    {
        var panel = Panel(3, 120, 8, 20);
        var pool = new DonorPool(panel, 12);
        var random = new Random(4);
        int[] Scene(double factor) => [.. Enumerable.Range(0, 20).Select(t => random.NextPoisson(t < 12 ? 20 : 20 * factor))];
        var fall = SceneJudge.Judge(Scene(0.4), 12, 8, 8, pool);
        Assert.True(fall.Effective, $"relative {fall.Relative:0.00} [{fall.Low:0.00}, {fall.High:0.00}]");
        Assert.InRange(fall.Relative!.Value, -0.75, -0.4);
        Assert.Equal(SceneJudge.Donors, fall.ControlCodes.Count);
        Assert.True(fall.Placebos >= SceneJudge.MinPlacebos);
        var flat = SceneJudge.Judge(Scene(1), 12, 8, 8, pool);
        Assert.False(flat.Effective);
        Assert.True(flat.Low < 0 && flat.High > 0, $"[{flat.Low:0.00}, {flat.High:0.00}]");
    }

    [Fact]
    public void The_minimum_detectable_effect_shrinks_as_volume_grows()
    {
        var panel = Panel(7, 100, 8, 20);
        var pool = new DonorPool(panel, 12);
        var random = new Random(8);
        double Mde(double rate) => SceneJudge.Judge([.. Enumerable.Range(0, 20).Select(_ => random.NextPoisson(rate))], 12, 8, 8, pool).MinimumDetectableEffect!.Value;
        var (small, large) = (Mde(2), Mde(40));
        Assert.True(large < small, $"MDE at 40/week {large:0.00} vs at 2/week {small:0.00}");
        Assert.InRange(large, 0.05, 0.5);
    }

    [Fact]
    public void Under_no_effect_the_verdict_is_rarely_effective()
    {
        var effective = 0;
        for (var seed = 0; seed < 40; seed++)
        {
            var panel = Panel(100 + seed, 80, 5, 20);
            var scene = panel["c000"];
            panel.Remove("c000");
            effective += SceneJudge.Judge(scene, 12, 8, 8, new DonorPool(panel, 12)).Effective ? 1 : 0;
        }
        Assert.True(effective <= 4, $"{effective} of 40 null scenes judged EFFECTIVE");
    }

    [Fact]
    public void Donors_are_matched_on_their_pre_period_trend()
    {
        var rising = Enumerable.Range(0, 12).Select(t => 5 + 2 * t).Concat(Enumerable.Repeat(30, 8)).ToArray();
        var flat = Enumerable.Repeat(15, 20).ToArray();
        var panel = new Dictionary<string, int[]>();
        for (var i = 0; i < 10; i++)
        {
            panel[$"rise{i}"] = rising;
            panel[$"flat{i}"] = flat;
        }
        var pool = new DonorPool(panel, 12);
        Assert.All(pool.Nearest(pool.Slope(rising), 8, _ => false), c => Assert.StartsWith("rise", c, StringComparison.Ordinal));
        Assert.All(pool.Nearest(pool.Slope(flat), 8, _ => false), c => Assert.StartsWith("flat", c, StringComparison.Ordinal));
    }
}
