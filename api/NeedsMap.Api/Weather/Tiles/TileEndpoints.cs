using System.Globalization;
using NeedsMap.Api.Data;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Rollups;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Weather.Tiles;

/// <summary>
/// Mapbox vector tiles made by PostGIS. <c>?where=</c> takes the JSON of a GraphQL <c>NeedFilter</c> variable.
/// Needs tiles are clustered where busy and hold at most <see cref="NeedTiles.MaxNeedsPerTile"/> single needs (<see cref="NeedTiles"/>).
/// </summary>
public static class TileEndpoints
{
    public const string ContentType = "application/vnd.mapbox-vector-tile";
    private const int Extent = 4096;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/tiles/needs/{z}/{x}/{y}.mvt", NeedsTileAsync).AddEndpointFilter<TileValidators>();
        app.MapGet("/tiles/cells/{z}/{x}/{y}.mvt", CellsTileAsync).AddEndpointFilter<TileValidators>();
    }

    private static async Task<IResult> NeedsTileAsync(string z, string x, string y, string? where, NeedTiles needTiles, NeedFilterJson json,
        AccessScope scope, CancellationToken cancellationToken)
    {
        if (!TileAddress.TryParse(z, x, y, out var tile))
        {
            return BadTile();
        }
        try
        {
            return Tile(await needTiles.DrawAsync(tile, scope.Restrict(json.Parse(where)), cancellationToken));
        }
        catch (DomainException ex)
        {
            return Results.BadRequest(new { code = ex.Code, message = ex.Message });
        }
    }

    /// <summary>
    /// Cells of the resolution the zoom calls for (or <c>?resolution=R500</c>), from the rollups, with their weather; for the
    /// public at 500 m and up with small cells left out (<see cref="PublicCells"/>).
    /// </summary>
    private static async Task<IResult> CellsTileAsync(string z, string x, string y, string? where, string? resolution, string? lastDay, int? days,
        [FromKeyedServices(ReadDatabase.Key)] NpgsqlDataSource dataSource, NeedFilterJson json, CellReader cells, CityDays cityDays, AccessScope scope, CancellationToken cancellationToken)
    {
        if (!TileAddress.TryParse(z, x, y, out var tile))
        {
            return BadTile();
        }
        try
        {
            // Without a token the zoom's resolution is coarsened to what the public may see; one asked for explicitly is checked (PublicCells).
            var res = resolution is null ? PublicCells.ForZoom(scope.Weather, tile.CellResolution)
                : Enum.TryParse<HexResolution>(resolution, true, out var r) && Enum.IsDefined(r) ? r
                : throw new DomainException(ErrorCodes.InvalidInput, "resolution is one of R100, R250, R500, R1000, R2500.");
            var last = lastDay is null ? cityDays.Today
                : DateOnly.TryParseExact(lastDay, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                : throw new DomainException(ErrorCodes.InvalidInput, "lastDay is a date like 2026-06-30.");
            var found = await cells.ReadAsync(res, tile.Bounds(), null, json.Parse(where), new CellWindow(last, days ?? 30),
                CellQueryDefaults.BaselineWindows, cancellationToken);
            if (found.Count == 0)
            {
                return Results.NoContent();
            }
            var sql = $"""
                SELECT ST_AsMVT(t, 'cells', {Extent}, 'geom') FROM (
                    SELECT ST_AsMVTGeom(ST_Transform(c.boundary, 3857), ST_TileEnvelope(@z, @x, @y), {Extent}, 64, true) AS geom,
                           c.id, c.jurisdiction_code AS jurisdiction, u.count, u.demand, u.previous, u.baseline, u.weather
                    FROM unnest(@q, @r, @count, @demand, @previous, @baseline, @weather) AS u(q, r, count, demand, previous, baseline, weather)
                    JOIN cells c ON c.resolution = @resolution AND c.q = u.q AND c.r = u.r) t
                """;
            await using var command = dataSource.CreateCommand(sql);
            AddTile(command, tile);
            command.Parameters.AddWithValue("resolution", (short)res);
            command.Parameters.AddWithValue("q", found.Select(f => f.Cell.Q).ToArray());
            command.Parameters.AddWithValue("r", found.Select(f => f.Cell.R).ToArray());
            command.Parameters.AddWithValue("count", found.Select(f => f.Count).ToArray());
            command.Parameters.AddWithValue("demand", found.Select(f => f.DemandIndex).ToArray());
            command.Parameters.AddWithValue("previous", found.Select(f => f.PreviousDemandIndex).ToArray());
            command.Parameters.AddWithValue("baseline", found.Select(f => f.Baseline).ToArray());
            command.Parameters.Add(new NpgsqlParameter("weather", NpgsqlDbType.Array | NpgsqlDbType.Text)
            {
                Value = found.Select(f => f.Weather.ToString().ToUpperInvariant()).ToArray(),
            });
            return Tile(await command.ExecuteScalarAsync(cancellationToken) as byte[]);
        }
        catch (DomainException ex)
        {
            return Results.BadRequest(new { code = ex.Code, message = ex.Message });
        }
    }

    private static void AddTile(NpgsqlCommand command, TileAddress tile)
    {
        command.Parameters.AddWithValue("z", tile.Z);
        command.Parameters.AddWithValue("x", tile.X);
        command.Parameters.AddWithValue("y", tile.Y);
    }

    private static IResult Tile(byte[]? bytes) =>
        bytes is null || bytes.Length == 0 ? Results.NoContent() : Results.Bytes(bytes, ContentType);

    private static IResult BadTile() => Results.BadRequest(new
    {
        code = "INVALID_TILE", message = "z, x and y must be whole numbers with z ≤ 22 and x, y < 2^z.",
    });
}
