using System.Globalization;
using Npgsql;

namespace NeedsMap.Api.Needs.Events;

/// <summary>
/// The PostgreSQL channel that carries need changes between server processes. A change is announced inside
/// the transaction that makes it, so subscribers hear of it only once it is committed.
/// </summary>
public static class NeedNotifications
{
    public const string Channel = "needsmap_need_changes";

    public static string Payload(NeedChangeKind kind, long needId) =>
        string.Create(CultureInfo.InvariantCulture, $"{(kind == NeedChangeKind.Created ? 'c' : 'u')}{needId}");

    /// <summary>The same payload built in SQL, for statements that announce many changes at once.</summary>
    public static string PayloadSql(string insertedColumn, string idColumn) =>
        $"CASE WHEN {insertedColumn} THEN 'c' ELSE 'u' END || {idColumn}";

    public static bool TryParse(string payload, out NeedChangeKind kind, out long needId)
    {
        kind = payload.Length > 0 && payload[0] == 'c' ? NeedChangeKind.Created : NeedChangeKind.Updated;
        return long.TryParse(payload.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out needId);
    }

    public static async Task NotifyAsync(NpgsqlConnection connection, NeedChangeKind kind, long needId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", Payload(kind, needId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
