using GraphQL.Types;
using NeedsMap.Api.Graph.Scalars;
using NeedsMap.Api.Scenes.Effect;

namespace NeedsMap.Api.Scenes.Graph;

public sealed class SceneEffectGraphType : ObjectGraphType<SceneEffect>
{
    public SceneEffectGraphType()
    {
        Name = "SceneEffect";
        Description = "A scene's effect on demand by difference in differences against a control area, with the numbers used.";
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
        Field(e => e.ControlKind).Description("SIBLING_COMMUNITIES or RING.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("controlCommunityCodes").Resolve(ctx => ctx.Source.ControlCommunityCodes);
        Field<NonNullGraphType<FloatGraphType>>("sceneBefore").Resolve(ctx => ctx.Source.Estimate.SceneBefore);
        Field<NonNullGraphType<FloatGraphType>>("sceneAfter").Resolve(ctx => ctx.Source.Estimate.SceneAfter);
        Field<NonNullGraphType<FloatGraphType>>("controlBefore").Resolve(ctx => ctx.Source.Estimate.ControlBefore);
        Field<NonNullGraphType<FloatGraphType>>("controlAfter").Resolve(ctx => ctx.Source.Estimate.ControlAfter);
        Field<NonNullGraphType<FloatGraphType>>("difference").Description("(after − before)_scene − (after − before)_control, needs a week.")
            .Resolve(ctx => ctx.Source.Estimate.Difference);
        Field<FloatGraphType>("relativeEffect").Description("after/before (scene) − after/before (control); null without a baseline.")
            .Resolve(ctx => ctx.Source.Estimate.Relative);
        Field<FloatGraphType>("ciLow").Description("2.5th percentile of the bootstrapped relative effect.").Resolve(ctx => ctx.Source.Estimate.Low);
        Field<FloatGraphType>("ciHigh").Description("97.5th percentile of the bootstrapped relative effect.").Resolve(ctx => ctx.Source.Estimate.High);
    }
}
