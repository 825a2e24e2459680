using Npgsql;

namespace NeedsMap.Api.Loop.Shared;

/// <summary>
/// The PostgreSQL channel that carries whistle and consultation changes between server processes, sent inside
/// the transaction that makes the change. Payloads: <c>w:{whistleId}</c>, <c>c:{consultationId}:{kind}:{itemId}</c>.
/// </summary>
public static class LoopNotifications
{
    public const string Channel = "needsmap_loop_changes";

    public static string Whistle(long id) => FormattableString.Invariant($"w:{id}");

    public static string Consultation(long id, string kind, long itemId) => FormattableString.Invariant($"c:{id}:{kind}:{itemId}");

    public static async Task NotifyAsync(NpgsqlConnection connection, string payload, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
