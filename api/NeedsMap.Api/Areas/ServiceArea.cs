using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Areas;

/// <summary>
/// An area that is not a jurisdiction but has its own demand: a school district (学区), a clinic's catchment
/// (卫生服务中心辖区). Imported as polygons from GeoJSON; needs inside it are counted, trended and forecast by category.
/// </summary>
public sealed class ServiceArea
{
    public long Id { get; init; }
    /// <summary>The city's own code for it, unique (a feature's properties.code).</summary>
    public required string Code { get; init; }
    public required string Name { get; set; }
    public required ServiceAreaKind Kind { get; set; }
    /// <summary>A Polygon or MultiPolygon, WGS-84.</summary>
    public required Geometry Boundary { get; set; }
    /// <summary>Where it came from: a file name, "demo (generated)", or what the importer said.</summary>
    public required string Source { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public string? ImportedBy { get; set; }
}

public enum ServiceAreaKind
{
    /// <summary>学区.</summary>
    SchoolDistrict,
    /// <summary>社区卫生服务中心辖区.</summary>
    ClinicCatchment,
    /// <summary>Any other area a department serves.</summary>
    Other,
}
