using GraphQL.Types;
using NeedsMap.Api.Graph.Scalars;

namespace NeedsMap.Api.Areas.Graph;

public sealed class ServiceAreaKindGraphType : EnumerationGraphType<ServiceAreaKind>
{
    public ServiceAreaKindGraphType()
    {
        Name = "ServiceAreaKind";
        Description = "SCHOOL_DISTRICT (学区), CLINIC_CATCHMENT (卫生服务中心辖区) or OTHER.";
    }
}

public sealed class ServiceAreaGraphType : ObjectGraphType<ServiceArea>
{
    public ServiceAreaGraphType()
    {
        Name = "ServiceArea";
        Description = "An area that is not a jurisdiction but has its own demand (a school district, a clinic's catchment); areaTrend and areaForecast count its needs.";
        Field(a => a.Code);
        Field(a => a.Name);
        Field<NonNullGraphType<ServiceAreaKindGraphType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<GeometryGraphType>>("boundary").Description("A GeoJSON Polygon or MultiPolygon.").Resolve(ctx => ctx.Source.Boundary);
        Field(a => a.Source).Description("Where it came from.");
        Field(a => a.ImportedAt);
    }
}

public sealed class ImportServiceAreasInputGraphType : InputObjectGraphType<ImportServiceAreasInput>
{
    public ImportServiceAreasInputGraphType()
    {
        Name = "ImportServiceAreasInput";
        Field<NonNullGraphType<ServiceAreaKindGraphType>>("kind");
        Field<NonNullGraphType<StringGraphType>>("geoJson")
            .Description("A GeoJSON FeatureCollection (as text): each feature a Polygon or MultiPolygon with properties.code and properties.name.");
        Field<StringGraphType>("source").Description("Where the file came from (kept with each area).");
    }
}
