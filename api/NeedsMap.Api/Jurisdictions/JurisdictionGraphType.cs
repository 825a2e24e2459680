using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Graph.Scalars;
using NeedsMap.Api.Reference;
using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Jurisdictions;

public sealed class JurisdictionGraphType : ObjectGraphType<JurisdictionInfo>
{
    public const string TypeName = "Jurisdiction";

    public JurisdictionGraphType()
    {
        Name = TypeName;
        Description = "A city, street or town, or community or village (市 / 街道·镇 / 社区·村).";
        Interface<NodeInterfaceGraphType>();
        IsTypeOf = o => o is JurisdictionInfo;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Code));
        Field(j => j.Code).Description("The official division code.");
        Field(j => j.Name).Description("The short Chinese name.");
        Field(j => j.OfficialName).Description("The full official name.");
        Field<NonNullGraphType<JurisdictionLevelGraphType>>("level").Resolve(ctx => ctx.Source.Level);
        Field(j => j.Kind).Description("city, street, town, community or village.");
        Field(j => j.BoundarySource).Description("official (imported) or generated (the demo city's streets and communities).");
        Field<JurisdictionGraphType>("parent").Resolve(ctx =>
            ctx.Source.ParentCode is { } p ? ctx.Service<ReferenceData>().Current.FindJurisdiction(p) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<JurisdictionGraphType>>>>("children")
            .Resolve(ctx => ctx.Service<ReferenceData>().Current.ChildrenOf(ctx.Source.Code));
        Field<NonNullGraphType<GeometryGraphType>>("interiorPoint")
            .Description("A point inside the jurisdiction, for labels and address geocoding.")
            .Resolve(ctx => new Point(ctx.Source.InteriorLongitude, ctx.Source.InteriorLatitude) { SRID = 4326 });
        Field<NonNullGraphType<GeometryGraphType>>("boundary")
            .Description("The boundary as a GeoJSON MultiPolygon.")
            .Resolve(ctx => ctx.Service<JurisdictionBoundaryLoader>().Load(ctx.Source.Code));
    }
}

public sealed class JurisdictionLevelGraphType : EnumerationGraphType<JurisdictionLevel>
{
    public JurisdictionLevelGraphType()
    {
        Name = "JurisdictionLevel";
    }
}
