using NeedsMap.Api.Reference;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Needs.Events;

/// <summary>
/// Reads the changed needs of one listener batch in one round trip: a statement prepared once on a connection of the
/// loader's own, kept open, read straight into <see cref="Need"/>. Before, each batch made a service scope and a DbContext,
/// took a pooled connection and ran EF's query pipeline; with every server reloading every change that was the largest
/// share of the time between hearing a NOTIFY and handing the need to the hub. The columns are EF's mapping of
/// <see cref="Need"/> (NeedConfiguration, snake case); a test compares both readings property by property.
/// Used by one thread at a time (the listener's publishing thread), as one connection must be.
/// </summary>
internal sealed class NeedBatchLoader(NpgsqlDataSource dataSource) : IDisposable
{
    private const string Sql = """
        SELECT id, channel_code, external_id, version, received_at, updated_at, text, category_code, category_confidence,
          classifier_version, status, weight, location, address, located_by, jurisdiction_code, jurisdiction_path, reporter_key,
          reporter_age_band, reporter_gender, reporter_group, contact_encrypted, contact_key_id, attributes
        FROM needs WHERE id = ANY($1)
        """;

    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _command;

    /// <summary>Blocks for the round trip: the listener calls it on a thread of its own, so no continuation waits in the thread pool's queue.</summary>
    public Dictionary<long, Need> Load(long[] ids)
    {
        var reused = _command is not null;
        try
        {
            return Read(ids);
        }
        catch (NpgsqlException) when (reused)
        {
            // The kept connection may have died while idle (a restart, a terminated backend): once more on a fresh one.
            return Read(ids);
        }
    }

    private Dictionary<long, Need> Read(long[] ids)
    {
        try
        {
            var command = Command();
            command.Parameters[0].Value = ids;
            var needs = new Dictionary<long, Need>(ids.Length);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var need = Read(reader);
                needs[need.Id] = need;
            }
            return needs;
        }
        catch
        {
            // A broken connection is not reused: the next batch opens and prepares a fresh one.
            Reset();
            throw;
        }
    }

    private NpgsqlCommand Command()
    {
        if (_command is not null && _connection is { State: System.Data.ConnectionState.Open })
        {
            return _command;
        }
        Reset();
        _connection = dataSource.OpenConnection();
        _command = new NpgsqlCommand(Sql, _connection);
        _command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        _command.Prepare();
        return _command;
    }

    private static Need Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0),
        ChannelCode = r.GetString(1),
        ExternalId = r.GetString(2),
        Version = r.GetInt64(3),
        ReceivedAt = r.GetFieldValue<DateTimeOffset>(4),
        UpdatedAt = r.GetFieldValue<DateTimeOffset>(5),
        Text = r.GetString(6),
        CategoryCode = r.GetString(7),
        CategoryConfidence = r.IsDBNull(8) ? null : r.GetDouble(8),
        ClassifierVersion = r.IsDBNull(9) ? null : r.GetString(9),
        Status = Enum.Parse<NeedStatus>(r.GetString(10)),
        Weight = r.GetDouble(11),
        Location = r.GetFieldValue<Point>(12),
        Address = r.IsDBNull(13) ? null : r.GetString(13),
        LocatedBy = Enum.Parse<LocatedBy>(r.GetString(14)),
        JurisdictionCode = r.GetString(15),
        JurisdictionPath = r.GetString(16),
        ReporterKey = r.IsDBNull(17) ? null : r.GetString(17),
        ReporterAgeBand = r.IsDBNull(18) ? null : r.GetString(18),
        ReporterGender = r.IsDBNull(19) ? null : r.GetString(19),
        ReporterGroup = r.IsDBNull(20) ? null : r.GetString(20),
        ContactEncrypted = r.IsDBNull(21) ? null : r.GetFieldValue<byte[]>(21),
        ContactKeyId = r.IsDBNull(22) ? null : r.GetString(22),
        Attributes = r.IsDBNull(23) ? null : r.GetString(23),
    };

    private void Reset()
    {
        _command?.Dispose();
        _command = null;
        _connection?.Dispose();
        _connection = null;
    }

    public void Dispose() => Reset();
}
