using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.KeyMatters.Events;

/// <summary>
/// The PostgreSQL channel for key-matter changes: the jurisdiction paths whose rollups a transaction changed,
/// notified inside it so every server hears of them once it commits. Payloads stay under NOTIFY's 8,000 bytes
/// by splitting into several notifications.
/// </summary>
public static class KeyMatterNotifications
{
    public const string Channel = "needsmap_key_matters";
    private const int MaxPayload = 7_000;

    public static async Task NotifyAsync(NpgsqlConnection connection, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var payloads = new List<string>();
        var current = new StringBuilder();
        foreach (var path in paths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (current.Length > 0 && current.Length + path.Length + 1 > MaxPayload)
            {
                payloads.Add(current.ToString());
                current.Clear();
            }
            current.Append(current.Length > 0 ? ";" : "").Append(path);
        }
        if (current.Length > 0)
        {
            payloads.Add(current.ToString());
        }
        if (payloads.Count == 0)
        {
            return;
        }
        await using var command = new NpgsqlCommand("SELECT count(pg_notify(@channel, p)) FROM unnest(@payloads) AS p", connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = payloads.ToArray() });
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public static IEnumerable<string> Parse(string payload) => payload.Split(';', StringSplitOptions.RemoveEmptyEntries);
}
