namespace NeedsMap.Api.Loop.Scenes.Effect;

/// <summary>
/// Judges a scene: weekly counts of its categories inside its area, for up to <see cref="MaxWeeks"/> weeks either
/// side of the start, against a control of matched communities (<see cref="SceneJudge"/>); TOO_EARLY until
/// <see cref="MinWeeksAfter"/> full weeks have passed; EFFECTIVE when the whole 95% interval of the relative effect
/// is below zero; NO_EFFECT otherwise, which flags the scene for re-planning. When no community has enough needs to
/// be matched, the street's other communities (or a ring around the area) are the control, with normal critical values.
/// </summary>
public sealed class SceneEffectCalculator(SceneControlArea controls, WeeklyDemand demand, CommunityWeeklyDemand panel, TimeProvider time)
{
    public const int MinWeeksAfter = 4;
    public const int MaxWeeks = 12;
    public const string Method = "Weekly need counts of the scene's categories, 7-day windows from the start, up to 12 weeks either side (leading weeks "
        + "with no needs anywhere are before the data and left out). Control: the sum of the 8 untreated communities whose pre-period trends "
        + "(log change per week, shrunk for noise) are nearest the scene's, from the whole city. Effect = (after/before)_scene ÷ (after/before)_control − 1; "
        + "its standard error from the four totals, the pre-period overdispersion and the communities' drift apart (τ², from the placebos); critical values from placebos (every donor judged the same way "
        + "against its own matched control). EFFECTIVE when the 95% interval's upper end is below 0 (one-sided 2.5%); TOO_EARLY before 4 full weeks. "
        + "minimumDetectableEffect: the fall caught with 80% power (bench/results/scene-power.md). Without donors: the street's other communities "
        + "minus every scene area (or a 1 km ring), normal critical values.";

    public async Task<SceneEffect> EvaluateAsync(Scene scene, int? weeks, CancellationToken cancellationToken)
    {
        if (weeks is < 1 or > MaxWeeks)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"weeks is 1 to {MaxWeeks}.");
        }
        var now = time.GetUtcNow();
        var elapsed = (int)Math.Floor((now - scene.StartsAt) / WeeklyDemand.Week);
        var after = Math.Clamp(elapsed, 0, weeks ?? MaxWeeks);
        var before = weeks ?? MaxWeeks;
        var planned = Math.Max(after, weeks ?? MaxWeeks);
        var sceneWeekly = await demand.CountAsync(scene.Area, scene.CategoryCodes, scene.StartsAt, before, after, cancellationToken);
        var communities = await panel.CountAsync(scene.CategoryCodes, scene.StartsAt, before, after, cancellationToken);
        var treated = await panel.TreatedAsync(cancellationToken);
        // Weeks before any need was recorded anywhere are before the data, not weeks without demand.
        var first = Enumerable.Range(0, before).FirstOrDefault(i => sceneWeekly[i] + communities.Values.Sum(c => c[i]) > 0, before);
        before -= first;
        sceneWeekly = sceneWeekly[first..];
        var donors = new DonorPool(communities.Where(c => !treated.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value[first..]), before);

        SceneJudge.Judgement judgement;
        NetTopologySuite.Geometries.Geometry controlArea;
        string kind;
        if (donors.Count > 0)
        {
            judgement = SceneJudge.Judge(sceneWeekly, before, after, planned, donors);
            controlArea = await panel.AreaOfAsync(judgement.ControlCodes.ToList(), cancellationToken);
            kind = "MATCHED_COMMUNITIES";
        }
        else
        {
            var control = await controls.BuildAsync(scene, cancellationToken);
            var controlWeekly = (await demand.CountAsync(control.Area, scene.CategoryCodes, scene.StartsAt, before + first, after, cancellationToken))[first..];
            judgement = SceneJudge.JudgeAgainst(sceneWeekly, controlWeekly, before, after, planned, control.CommunityCodes);
            (controlArea, kind) = (control.Area, control.Kind);
        }
        var verdict = after < MinWeeksAfter ? SceneVerdict.TooEarly : judgement.Effective ? SceneVerdict.Effective : SceneVerdict.NoEffect;
        return new SceneEffect(scene, verdict, Method, now, before, after, sceneWeekly, judgement.Control, controlArea, kind,
            judgement.ControlCodes, Means(sceneWeekly, judgement, before),
            new SceneInference(judgement.StandardError, judgement.Dispersion, judgement.BetweenVariance, judgement.Placebos, judgement.CriticalLow,
                judgement.MinimumDetectableEffect, planned));
    }

    private static DifferenceInDifferences.Estimate Means(int[] scene, SceneJudge.Judgement j, int before)
    {
        static double Mean(int[] values, int from, int count) => count <= 0 ? 0 : values.Skip(from).Take(count).Average();
        var after = scene.Length - before;
        var (sb, sa, cb, ca) = (Mean(scene, 0, before), Mean(scene, before, after), Mean(j.Control, 0, before), Mean(j.Control, before, after));
        return new DifferenceInDifferences.Estimate(sb, sa, cb, ca, (sa - sb) - (ca - cb), j.Relative, j.Low, j.High);
    }
}
