using NeedsMap.Api.Weather.Grid;
using Npgsql;

namespace NeedsMap.Api.Weather.Events;

/// <summary>
/// The PostgreSQL channels for the weather map. Like need changes, they are notified inside the transaction that
/// makes the change, so every server hears of it once it commits.
/// </summary>
public static class CellNotifications
{
    public const string Channel = "needsmap_cell_changes";
    public const string WarningChannel = "needsmap_warnings";

    /// <summary>The payload a rebuild sends on <see cref="Channel"/>: every cell may have changed, forget what you know.</summary>
    public const string EverythingChanged = "*";

    /// <summary>
    /// "id|jurisdictionCode|jurisdictionPath" per touched cell, ';'-separated, in as few notifications as fit under
    /// PostgreSQL's 8000-byte payload limit (a batch of needs across the city touches thousands of cells).
    /// </summary>
    public static async Task NotifyAsync(NpgsqlConnection connection, IEnumerable<HexCell> cells, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT pg_notify(@channel, string_agg(item, ';'))
            FROM (SELECT item, sum(octet_length(item) + 1) OVER (ORDER BY item) / 7000 AS chunk
                  FROM (SELECT c.id || '|' || c.jurisdiction_code || '|' || c.jurisdiction_path AS item
                        FROM cells c WHERE c.id = ANY(@ids)) i) x
            GROUP BY chunk
            """, connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("ids", cells.Select(c => c.Id).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task NotifyEverythingChangedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", EverythingChanged);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task NotifyWarningAsync(NpgsqlConnection connection, long warningId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", WarningChannel);
        command.Parameters.AddWithValue("payload", warningId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
