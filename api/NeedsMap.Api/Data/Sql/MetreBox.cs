namespace NeedsMap.Api.Data.Sql;

/// <summary>
/// SQL for a box in degrees round a point that holds every point within some metres of it on the WGS-84 spheroid. A search by
/// distance puts the box before its geography test (<c>ST_DWithin(a::geography, b::geography, metres)</c>): the box lets the
/// needs' GiST on geometry narrow the rows, and the geography test decides exactly, so the box changes the cost, never the answer.
/// It takes the place of a second GiST on <c>location::geography</c>, one of the dearest indexes for every stored need to keep.
/// </summary>
/// <remarks>
/// The bounds hold with room to spare: a degree of latitude is at least 110,574 m (at the equator) and one of longitude at least
/// 111,319 m times the cosine of the latitude; both are taken as 110,000 m, and the longitude's at the circle's farthest latitude
/// (widened by a degree per 100 km). Where that latitude passes 89° or the box would cross ±180°, no box in degrees holds the
/// circle, and the box is the whole world: the geography test alone decides, as it did with the old index.
/// </remarks>
public static class MetreBox
{
    /// <summary>The half-height in degrees of the box round any point for <paramref name="metres"/> (a SQL expression).</summary>
    public static string HalfHeight(string metres) => $"({metres} / 110000.0)";

    /// <summary>The half-width in degrees at <paramref name="latitude"/> (SQL expressions; the latitude in degrees).</summary>
    public static string HalfWidth(string latitude, string metres) =>
        $"({metres} / 110000.0 / cos(radians(least(abs({latitude}) + {metres} / 100000.0, 89.0))))";

    /// <summary>The box round <paramref name="point"/> (a SQL geometry in EPSG:4326), for use as <c>location &amp;&amp; box</c>.</summary>
    public static string Around(string point, string metres) =>
        $"(CASE WHEN abs(ST_Y({point})) + {metres} / 100000.0 < 89.0 AND abs(ST_X({point})) + {HalfWidth($"ST_Y({point})", metres)} < 180.0 "
        + $"THEN ST_Expand({point}, {HalfWidth($"ST_Y({point})", metres)}, {HalfHeight(metres)}) "
        + "ELSE ST_MakeEnvelope(-180, -90, 180, 90, 4326) END)";
}
