using GraphQL.Types;
using GraphQLParser.AST;
using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Graph.Scalars;

/// <summary>A GeoJSON geometry object (RFC 7946), WGS-84 longitude/latitude, both in results and in inputs.</summary>
public sealed class GeometryGraphType : ScalarGraphType
{
    public GeometryGraphType()
    {
        Name = "Geometry";
        Description = "A GeoJSON geometry object (RFC 7946) in WGS-84 longitude/latitude, e.g. {\"type\":\"Point\",\"coordinates\":[120.1,29.3]}. GeoJSON 几何对象（WGS-84 经纬度）。";
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        Geometry g => GeoJson.Write(g),
        IDictionary<string, object?> d => d,
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        Geometry g => g,
        _ => GeoJson.Read(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLObjectValue o => GeoJson.Read(ToPlain(o)),
        _ => throw new DomainException(ErrorCodes.InvalidGeometry, "Invalid GeoJSON geometry: expected an object literal."),
    };

    public override bool CanParseLiteral(GraphQLValue value) => value is GraphQLNullValue or GraphQLObjectValue;

    public override bool CanParseValue(object? value) => value is null or Geometry or IDictionary<string, object?>;

    private static object? ToPlain(GraphQLValue value) => value switch
    {
        GraphQLObjectValue o => (o.Fields ?? []).ToDictionary(f => f.Name.StringValue, f => ToPlain(f.Value)),
        GraphQLListValue l => (l.Values ?? []).Select(ToPlain).ToList(),
        GraphQLIntValue i => double.Parse(i.Value.Span, provider: System.Globalization.CultureInfo.InvariantCulture),
        GraphQLFloatValue f => double.Parse(f.Value.Span, provider: System.Globalization.CultureInfo.InvariantCulture),
        GraphQLStringValue s => s.Value.ToString(),
        GraphQLBooleanValue b => b.BoolValue,
        GraphQLNullValue => null,
        _ => throw new DomainException(ErrorCodes.InvalidGeometry, "Invalid GeoJSON geometry: unsupported literal."),
    };
}
