using NeedsMap.Api.Cells.Grid;
using Npgsql;

namespace NeedsMap.Api.Cells.Events;

/// <summary>
/// The PostgreSQL channels for the weather map. Like need changes, they are notified inside the transaction that
/// makes the change, so every server hears of it once it commits.
/// </summary>
public static class CellNotifications
{
    public const string Channel = "needsmap_cell_changes";
    public const string WarningChannel = "needsmap_warnings";

    /// <summary>Cells per notification: about 70 bytes each keeps a payload under PostgreSQL's 8,000-byte limit.</summary>
    public const int CellsPerNotification = 100;

    /// <summary>
    /// "id|jurisdictionCode|jurisdictionPath" per touched cell, ';'-separated, in as many notifications of at most
    /// <see cref="CellsPerNotification"/> cells as a write needs (a city-wide batch touches thousands).
    /// </summary>
    public static async Task NotifyAsync(NpgsqlConnection connection, IEnumerable<HexCell> cells, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT pg_notify(@channel, string_agg(entry, ';')) FROM (
              SELECT c.id || '|' || c.jurisdiction_code || '|' || c.jurisdiction_path AS entry,
                (row_number() OVER (ORDER BY c.id) - 1) / {CellsPerNotification} AS part
              FROM cells c WHERE c.id = ANY(@ids)) e
            GROUP BY part
            """, connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("ids", cells.Select(c => c.Id).ToArray());
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
