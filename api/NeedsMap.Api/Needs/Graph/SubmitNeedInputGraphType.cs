using GraphQL.Types;
using NeedsMap.Api.Graph.Scalars;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Sdk.Geo;
using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Needs.Graph;

public sealed record SubmitNeedInput
{
    public required string Text { get; init; }
    public Geometry? Location { get; init; }
    public CoordinateSystem CoordinateSystem { get; init; } = CoordinateSystem.Wgs84;
    public string? Address { get; init; }
    public string? CategoryCode { get; init; }
    public string ChannelCode { get; init; } = "app";
    public string? ExternalId { get; init; }
    public ReporterContact? Contact { get; init; }
}

public sealed class SubmitNeedInputGraphType : InputObjectGraphType<SubmitNeedInput>
{
    public SubmitNeedInputGraphType()
    {
        Name = "SubmitNeedInput";
        Description = "A resident's need from an app or a message board.";
        Field<NonNullGraphType<StringGraphType>>("text").Description("What the resident needs, 1 to 4000 characters.");
        Field<GeometryGraphType>("location").Description("A GeoJSON Point in coordinateSystem; required unless address names a known place.");
        Field<CoordinateSystemGraphType>("coordinateSystem").DefaultValue(CoordinateSystem.Wgs84);
        Field<StringGraphType>("address");
        Field<StringGraphType>("categoryCode").Description("Leave out to let the classifier decide.");
        Field<StringGraphType>("channelCode").DefaultValue("app").Description("The channel it came through (app or board).");
        Field<Security.Audit.ReporterContactInputGraphType>("contact").Description("The reporter's contact; stored encrypted, shown only to roles that handle cases.");
        Field<StringGraphType>("externalId").Description("The client's own id: submitting it again returns the stored need instead of a duplicate.");
    }
}
