using Npgsql;

namespace NeedsMap.Api.Channels.Inbox;

/// <summary>Counts what each channel delivered, atomically, so several servers can count at once.</summary>
public sealed class ChannelStats(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task RecordAsync(string channelCode, int accepted, int rejected, string? error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE channels SET accepted_count = accepted_count + @accepted, rejected_count = rejected_count + @rejected,
              last_received_at = @now,
              last_error = coalesce(@error, last_error),
              last_error_at = CASE WHEN @error IS NULL THEN last_error_at ELSE @now END
            WHERE code = @code
            """);
        command.Parameters.AddWithValue("accepted", (long)accepted);
        command.Parameters.AddWithValue("rejected", (long)rejected);
        command.Parameters.AddWithValue("now", time.GetUtcNow().UtcDateTime);
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlTypes.NpgsqlDbType.Varchar) { Value = (object?)error ?? DBNull.Value });
        command.Parameters.AddWithValue("code", channelCode);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
