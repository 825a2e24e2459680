using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Scenes.Effect;

/// <summary>
/// Judges a scene: weekly counts of its categories inside its area and inside the control area, for up to
/// <see cref="MaxWeeks"/> weeks either side of the start; TOO_EARLY until <see cref="MinWeeksAfter"/> full weeks
/// have passed; EFFECTIVE when the whole 95% interval of the normalised difference in differences is below zero
/// (demand fell beyond what the control did); NO_EFFECT otherwise, which flags the scene for re-planning.
/// </summary>
public sealed class SceneEffectCalculator(SceneControlArea controls, WeeklyDemand demand, TimeProvider time)
{
    public const int MinWeeksAfter = 4;
    public const int MaxWeeks = 12;
    public const string Method = "Weekly need counts of the scene's categories, 7-day windows from the start, up to 12 weeks either side (leading weeks with no needs in either area are before the data and left out). "
        + "DiD = (after − before)_scene − (after − before)_control in needs/week; normalised effect = after/before (scene) − after/before "
        + "(control). 95% CI: percentile bootstrap over weeks (2000 resamples, fixed seed). EFFECTIVE when the CI's upper end is below 0; "
        + "TOO_EARLY before 4 full weeks after the start. Control: the street's other communities minus every scene area (or a 1 km ring).";

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
        var control = await controls.BuildAsync(scene, cancellationToken);
        var sceneWeekly = await demand.CountAsync(scene.Area, scene.CategoryCodes, scene.StartsAt, before, after, cancellationToken);
        var controlWeekly = await demand.CountAsync(control.Area, scene.CategoryCodes, scene.StartsAt, before, after, cancellationToken);
        // Weeks before any need was recorded in either area are before the data, not weeks without demand.
        var first = Enumerable.Range(0, before).FirstOrDefault(i => sceneWeekly[i] + controlWeekly[i] > 0, before);
        (sceneWeekly, controlWeekly, before) = (sceneWeekly[first..], controlWeekly[first..], before - first);
        var estimate = DifferenceInDifferences.Compute(sceneWeekly[..before], sceneWeekly[before..], controlWeekly[..before], controlWeekly[before..]);
        var verdict = after < MinWeeksAfter ? SceneVerdict.TooEarly
            : estimate.High is < 0 && estimate.Relative is < 0 ? SceneVerdict.Effective
            : SceneVerdict.NoEffect;
        return new SceneEffect(scene, verdict, Method, now, before, after, sceneWeekly, controlWeekly, control.Area, control.Kind,
            control.CommunityCodes, estimate);
    }
}
