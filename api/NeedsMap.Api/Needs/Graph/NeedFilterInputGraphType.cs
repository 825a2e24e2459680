using GraphQL.Types;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Graph.Scalars;

namespace NeedsMap.Api.Needs.Graph;

public sealed class NeedFilterInputGraphType : InputObjectGraphType<NeedFilter>
{
    public NeedFilterInputGraphType()
    {
        Name = "NeedFilter";
        Description = "Conditions on needs. All conditions set on one filter must hold; combine filters with and, or, not.";
        Field<ListGraphType<NonNullGraphType<NeedFilterInputGraphType>>>("and");
        Field<ListGraphType<NonNullGraphType<NeedFilterInputGraphType>>>("or");
        Field<NeedFilterInputGraphType>("not");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("categoryIn").Description("Category codes; a parent takes its children with it.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("channelIn").Description("Channel codes.");
        Field<ListGraphType<NonNullGraphType<NeedStatusGraphType>>>("statusIn");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("jurisdictionIn").Description("Jurisdiction codes; each takes its whole subtree.");
        Field<DateTimeOffsetGraphType>("receivedFrom").Description("Received at or after this instant.");
        Field<DateTimeOffsetGraphType>("receivedBefore").Description("Received before this instant.");
        Field<StringGraphType>("textContains").Description("Case-insensitive substring of the text (1 to 200 characters).");
        Field<GeometryGraphType>("within").Description("Needs inside this GeoJSON geometry.");
        Field<GeometryGraphType>("intersects").Description("Needs touching or inside this GeoJSON geometry.");
        Field<NearFilterInputGraphType>("near");
        Field<BoundingBoxInputGraphType>("bbox");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => NeedFilterRules.Check((NeedFilter)base.ParseDictionary(value));
}

public sealed class NearFilterInputGraphType : InputObjectGraphType<NearFilter>
{
    public NearFilterInputGraphType()
    {
        Name = "NearFilter";
        Description = "Needs within a distance of a point, in metres on the spheroid.";
        Field<NonNullGraphType<GeometryGraphType>>("point").Description("A GeoJSON Point.");
        Field<NonNullGraphType<FloatGraphType>>("meters").Description("Above 0 and at most 100000.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => NeedFilterRules.Check((NearFilter)base.ParseDictionary(value));
}

public sealed class BoundingBoxInputGraphType : InputObjectGraphType<BoundingBox>
{
    public BoundingBoxInputGraphType()
    {
        Name = "BoundingBox";
        Description = "A WGS-84 box: west < east, south < north.";
        Field<NonNullGraphType<FloatGraphType>>("west");
        Field<NonNullGraphType<FloatGraphType>>("south");
        Field<NonNullGraphType<FloatGraphType>>("east");
        Field<NonNullGraphType<FloatGraphType>>("north");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => NeedFilterRules.Check((BoundingBox)base.ParseDictionary(value));
}
