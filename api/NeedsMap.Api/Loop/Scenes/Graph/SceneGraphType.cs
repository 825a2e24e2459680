using GraphQL.Types;
using NeedsMap.Api.Categories;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Graph.Scalars;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Loop.Scenes.Graph;

public sealed class SceneGraphType : ObjectGraphType<Scene>
{
    public SceneGraphType()
    {
        Name = SceneWriter.TypeName;
        Description = "场景: an intervention on an area, aimed at some categories, from a start instant.";
        Interface<NodeInterfaceGraphType>();
        IsTypeOf = o => o is Scene;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => GlobalId.Encode(SceneWriter.TypeName, ctx.Source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Field(s => s.Name);
        Field(s => s.Description, nullable: true);
        Field<NonNullGraphType<GeometryGraphType>>("area").Description("A GeoJSON Polygon or MultiPolygon.").Resolve(ctx => ctx.Source.Area);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryGraphType>>>>("categories")
            .Resolve(ctx => ctx.Source.CategoryCodes.Select(c => ctx.Service<ReferenceData>().Current.FindCategory(c)).OfType<Category>());
        Field(s => s.StartsAt).Description("Weeks before and after are counted from this instant.");
        Field(s => s.CreatedAt);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Description("role:subject of who created it; the role only, without a token.")
            .Resolve(ctx => ctx.Service<Security.Auth.AccessScope>().IsPublic ? ctx.Source.CreatedBy.Split(':')[0] : ctx.Source.CreatedBy);
        Field<IdGraphType>("consultationId").Description("The consultation whose close created it, if any.")
            .Resolve(ctx => ctx.Source.ConsultationId is { } c ? GlobalId.Encode("Consultation", c.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null);
        Field<SceneVerdictGraphType>("verdict").Description("The last stored verdict (evaluateScene).").Resolve(ctx => ctx.Source.Verdict);
        Field(s => s.EvaluatedAt, nullable: true);
        Field(s => s.NeedsReplanning).Description("Judged NO_EFFECT at its last evaluation: the scene should be re-planned (需重新规划).");
    }
}

public sealed class SceneVerdictGraphType : EnumerationGraphType<SceneVerdict>
{
    public SceneVerdictGraphType()
    {
        Name = "SceneVerdict";
    }
}

public sealed class CreateSceneInputGraphType : InputObjectGraphType<CreateSceneInput>
{
    public CreateSceneInputGraphType()
    {
        Name = "CreateSceneInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<StringGraphType>("description");
        Field<NonNullGraphType<GeometryGraphType>>("area").Description("A GeoJSON Polygon or MultiPolygon; anything else is INVALID_GEOMETRY.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("categoryCodes");
        Field<DateTimeOffsetGraphType>("startsAt").Description("Defaults to now.");
    }
}
