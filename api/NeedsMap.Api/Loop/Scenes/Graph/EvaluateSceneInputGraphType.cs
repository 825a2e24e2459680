using GraphQL.Types;

namespace NeedsMap.Api.Loop.Scenes.Graph;

public sealed record EvaluateSceneInput(string Id);

public sealed class EvaluateSceneInputGraphType : InputObjectGraphType<EvaluateSceneInput>
{
    public EvaluateSceneInputGraphType()
    {
        Name = "EvaluateSceneInput";
        Description = "Which scene evaluateScene measures. 场景评估。";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The scene's global id.");
    }
}
