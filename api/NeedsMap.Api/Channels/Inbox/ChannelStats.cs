using Npgsql;

namespace NeedsMap.Api.Channels.Inbox;

/// <summary>What one delivery did, counted by outcome: what a redelivery repeats lands in <see cref="Unchanged"/>, not again in <see cref="Stored"/>.</summary>
public sealed record DeliveryCounts(int Stored, int Revised, int Unchanged, int NewlyQuarantined)
{
    public static DeliveryCounts None { get; } = new(0, 0, 0, 0);
}

/// <summary>Counts what each channel's deliveries did, atomically, so several servers can count at once.</summary>
public sealed class ChannelStats(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task RecordAsync(string channelCode, DeliveryCounts counts, string? error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE channels SET accepted_count = accepted_count + @stored, revised_count = revised_count + @revised,
              unchanged_count = unchanged_count + @unchanged, rejected_count = rejected_count + @rejected,
              last_received_at = @now,
              last_error = coalesce(@error, last_error),
              last_error_at = CASE WHEN @error IS NULL THEN last_error_at ELSE @now END
            WHERE code = @code
            """);
        command.Parameters.AddWithValue("stored", (long)counts.Stored);
        command.Parameters.AddWithValue("revised", (long)counts.Revised);
        command.Parameters.AddWithValue("unchanged", (long)counts.Unchanged);
        command.Parameters.AddWithValue("rejected", (long)counts.NewlyQuarantined);
        command.Parameters.AddWithValue("now", time.GetUtcNow().UtcDateTime);
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlTypes.NpgsqlDbType.Varchar) { Value = (object?)error ?? DBNull.Value });
        command.Parameters.AddWithValue("code", channelCode);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
