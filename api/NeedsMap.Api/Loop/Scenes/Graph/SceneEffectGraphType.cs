using GraphQL.Types;
using NeedsMap.Api.Graph.Scalars;
using NeedsMap.Api.Loop.Scenes.Effect;

namespace NeedsMap.Api.Loop.Scenes.Graph;

public sealed class SceneEffectGraphType : ObjectGraphType<SceneEffect>
{
    public SceneEffectGraphType()
    {
        Name = "SceneEffect";
        Description = "A scene's effect on demand by difference in differences against matched control communities, with the numbers used, "
            + "how sure the verdict is and the smallest effect it could see.";
        Field<NonNullGraphType<SceneGraphType>>("scene").Resolve(ctx => ctx.Source.Scene);
        Field<NonNullGraphType<SceneVerdictGraphType>>("verdict").Resolve(ctx => ctx.Source.Verdict);
        Field(e => e.Method).Description("How the numbers were computed.");
        Field(e => e.EvaluatedAt);
        Field(e => e.WeeksBefore);
        Field(e => e.WeeksAfter).Description("Full weeks since the start that were counted.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("sceneWeekly")
            .Description("Needs per week in the scene area: weeksBefore weeks, then weeksAfter weeks.").Resolve(ctx => ctx.Source.SceneWeekly);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("controlWeekly").Resolve(ctx => ctx.Source.ControlWeekly);
        Field<NonNullGraphType<GeometryGraphType>>("controlArea").Resolve(ctx => ctx.Source.ControlArea);
        Field(e => e.ControlKind).Description("MATCHED_COMMUNITIES (matched on pre-period trend, city-wide), SIBLING_COMMUNITIES or RING (no donors).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("controlCommunityCodes").Resolve(ctx => ctx.Source.ControlCommunityCodes);
        Field<NonNullGraphType<FloatGraphType>>("sceneBefore").Resolve(ctx => ctx.Source.Estimate.SceneBefore);
        Field<NonNullGraphType<FloatGraphType>>("sceneAfter").Resolve(ctx => ctx.Source.Estimate.SceneAfter);
        Field<NonNullGraphType<FloatGraphType>>("controlBefore").Resolve(ctx => ctx.Source.Estimate.ControlBefore);
        Field<NonNullGraphType<FloatGraphType>>("controlAfter").Resolve(ctx => ctx.Source.Estimate.ControlAfter);
        Field<NonNullGraphType<FloatGraphType>>("difference").Description("(after − before)_scene − (after − before)_control, needs a week.")
            .Resolve(ctx => ctx.Source.Estimate.Difference);
        Field<FloatGraphType>("relativeEffect").Description("(after/before)_scene ÷ (after/before)_control − 1 (−0.4: demand fell 40% beyond the control's change); "
            + "null without a baseline.").Resolve(ctx => ctx.Source.Estimate.Relative);
        Field<FloatGraphType>("ciLow").Description("Lower end of the 95% interval of the relative effect (placebo-calibrated).").Resolve(ctx => ctx.Source.Estimate.Low);
        Field<FloatGraphType>("ciHigh").Description("Upper end of the 95% interval; EFFECTIVE when it is below 0.").Resolve(ctx => ctx.Source.Estimate.High);
        Field<FloatGraphType>("minimumDetectableEffect")
            .Description("最小可检测效果: the fall (a share of the baseline, 0.3 = 30%) this verdict catches with 80% power at the scene's volumes "
                + "over plannedWeeksAfter weeks; a smaller real effect will usually be judged NO_EFFECT. Null without a baseline.")
            .Resolve(ctx => ctx.Source.Inference.MinimumDetectableEffect);
        Field<NonNullGraphType<IntGraphType>>("plannedWeeksAfter").Description("The weeks after the start the minimum detectable effect assumes.")
            .Resolve(ctx => ctx.Source.Inference.PlannedWeeksAfter);
        Field<FloatGraphType>("standardError").Description("Of log((after/before)_scene ÷ (after/before)_control).").Resolve(ctx => ctx.Source.Inference.StandardError);
        Field<NonNullGraphType<FloatGraphType>>("dispersion").Description("Variance over the Poisson variance in the pre-period (at least 1).")
            .Resolve(ctx => ctx.Source.Inference.Dispersion);
        Field<NonNullGraphType<FloatGraphType>>("betweenVariance").Description("τ²: how far communities drift apart beyond their counts' noise, "
            + "on the log scale, added to the squared standard error.").Resolve(ctx => ctx.Source.Inference.BetweenVariance);
        Field<NonNullGraphType<IntGraphType>>("placebos").Description("Donor communities judged as if treated, whose statistics set the critical values "
            + "(below 20: normal critical values).").Resolve(ctx => ctx.Source.Inference.Placebos);
        Field<NonNullGraphType<FloatGraphType>>("criticalValue").Description("The 2.5% critical value of the z statistic (−1.96 when normal).")
            .Resolve(ctx => ctx.Source.Inference.CriticalLow);
    }
}
