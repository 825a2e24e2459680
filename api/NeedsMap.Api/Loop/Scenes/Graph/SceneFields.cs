using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Payloads;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Loop.Scenes.Effect;
using NeedsMap.Api.Loop.Shared;

namespace NeedsMap.Api.Loop.Scenes.Graph;

internal sealed class SceneQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SceneGraphType>>>>("scenes")
            .Description("The scene list (场景清单), newest first; needsReplanning: true for the scenes judged NO_EFFECT.")
            .DeprecationReason("Use scenesConnection: the same scenes a page at a time, with totalCount.")
            .Argument<BooleanGraphType>("needsReplanning")
            .ResolveAsync(async ctx => await ctx.Service<SceneReader>().ListAsync(ctx.GetArgument<bool?>("needsReplanning"), ctx.CancellationToken));
        query.Field<NonNullGraphType<ConnectionGraphType<SceneGraphType, Scene>>>("scenesConnection")
            .Description("The scene list (场景清单), newest created first, a page at a time; needsReplanning: true for the scenes judged NO_EFFECT.")
            .Argument<BooleanGraphType>("needsReplanning", "Only scenes that do (true) or do not (false) need replanning; all when left out.")
            .PagingArguments()
            .ResolveAsync(async ctx => await ctx.Service<SceneReader>().PageAsync(ctx.GetArgument<bool?>("needsReplanning"), ctx.Page(),
                ctx.CancellationToken));
        query.Field<NonNullGraphType<SceneEffectGraphType>>("sceneEffect")
            .Description("Measures a scene's effect now, without storing it. Errors: NOT_FOUND, INVALID_INPUT.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<IntGraphType>("weeks", a => a.Description = "Weeks either side to compare, 1 to 12 (default 12).")
            .ResolveAsync(async ctx => await ctx.Service<SceneEffectCalculator>().EvaluateAsync(
                await ctx.Service<SceneWriter>().RequireAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken),
                ctx.GetArgument<int?>("weeks"), ctx.CancellationToken));
    }
}

internal sealed class SceneMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.Mutation<CreateSceneInputGraphType, SceneGraphType, CreateSceneInput>("createScene",
            "Places a scene on an area. Errors: INVALID_GEOMETRY, UNKNOWN_CATEGORY, INVALID_INPUT.",
            new("scene", "the scene created"),
            async (ctx, input) => await ctx.Service<SceneWriter>().CreateAsync(input, ctx.CancellationToken));
        mutation.Payload<EvaluateSceneInputGraphType, EvaluateSceneInput, SceneEffectGraphType>("evaluateScene",
            "Measures a scene's effect and stores the verdict; NO_EFFECT flags it for re-planning. Errors: NOT_FOUND.",
            new("effect", "the effect measured, with the verdict stored"), ErrorKinds.NotFound | ErrorKinds.Validation,
            async (ctx, input) => await ctx.Service<SceneEvaluation>().EvaluateAsync(
                await ctx.Service<SceneWriter>().RequireAsync(input.Id, ctx.CancellationToken), ctx.CancellationToken));
    }
}
