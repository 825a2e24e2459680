using System.Collections.Concurrent;
using NeedsMap.Api.Weather.Grid;
using Npgsql;

namespace NeedsMap.Api.Weather.Caching;

/// <summary>
/// The community of each cell that has held demand, kept in memory so a whole-city cells query need not join
/// <c>cells</c>. A cell's community is fixed when the cell is first recorded; only a rebuild re-decides it, and a
/// rebuild announces itself (<see cref="Events.CellNotifications.EverythingChanged"/>), which empties the directory.
/// </summary>
public sealed class CellDirectory(NpgsqlDataSource dataSource)
{
    private readonly ConcurrentDictionary<HexCell, string> _codes = new();

    public async Task<string[]> JurisdictionCodesAsync(IReadOnlyList<HexCell> cells, CancellationToken cancellationToken)
    {
        var missing = cells.Where(c => !_codes.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            await LoadAsync(missing, cancellationToken);
        }
        return cells.Select(c => _codes.TryGetValue(c, out var code) ? code : "").ToArray();
    }

    public void Clear() => _codes.Clear();

    private async Task LoadAsync(List<HexCell> missing, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.resolution, c.q, c.r, c.jurisdiction_code
            FROM unnest(@res, @q, @r) AS m(res, q, r)
            JOIN cells c ON c.resolution = m.res AND c.q = m.q AND c.r = m.r
            """);
        command.Parameters.AddWithValue("res", missing.Select(c => (short)c.Resolution).ToArray());
        command.Parameters.AddWithValue("q", missing.Select(c => c.Q).ToArray());
        command.Parameters.AddWithValue("r", missing.Select(c => c.R).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            _codes[new HexCell((HexResolution)reader.GetInt16(0), reader.GetInt32(1), reader.GetInt32(2))] = reader.GetString(3);
        }
    }
}
