using NeedsMap.Api.Graph;
using NeedsMap.Api.Jurisdictions;
using NeedsMap.Sdk.Geo;
using NetTopologySuite.Geometries;
using Npgsql;

namespace NeedsMap.Api.Needs.Ingestion;

public sealed record Placement(Point Point, string JurisdictionCode, string JurisdictionPath, LocatedBy LocatedBy);

/// <summary>
/// Places a need: WGS-84 coordinates go to the smallest jurisdiction whose boundary covers them (in PostGIS,
/// on the GiST index); without coordinates, the address is matched against the gazetteer.
/// </summary>
public sealed class NeedLocator(NpgsqlDataSource dataSource, AddressGazetteer gazetteer)
{
    public async Task<Placement> PlaceAsync(GeoPoint? location, CoordinateSystem system, string? address, CancellationToken cancellationToken)
    {
        if (location is { } raw)
        {
            if (!double.IsFinite(raw.Longitude) || !double.IsFinite(raw.Latitude) || raw.Longitude is < -180 or > 180 || raw.Latitude is < -90 or > 90)
            {
                throw new DomainException(ErrorCodes.InvalidGeometry, "The location is not a longitude/latitude pair.");
            }
            var wgs = CoordinateConverter.ToWgs84(raw, system);
            var point = new Point(wgs.Longitude, wgs.Latitude) { SRID = 4326 };
            var (code, path) = await SmallestCoveringAsync(point, cancellationToken)
                ?? throw new DomainException(ErrorCodes.OutsideCity, "The location lies outside every jurisdiction of the city.");
            return new Placement(point, code, path, LocatedBy.Coordinates);
        }
        if (!string.IsNullOrWhiteSpace(address))
        {
            var match = gazetteer.Match(address)
                ?? throw new DomainException(ErrorCodes.AddressNotFound, "The address names no known place of the city; send coordinates.");
            return new Placement(new Point(match.InteriorLongitude, match.InteriorLatitude) { SRID = 4326 }, match.Code, match.Path, LocatedBy.AddressGazetteer);
        }
        throw new DomainException(ErrorCodes.LocationRequired, "A need needs a location or an address.");
    }

    private async Task<(string Code, string Path)?> SmallestCoveringAsync(Point point, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT code, path FROM jurisdictions WHERE ST_Covers(boundary, @point) ORDER BY level DESC LIMIT 1");
        command.Parameters.AddWithValue("point", point);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : null;
    }
}
