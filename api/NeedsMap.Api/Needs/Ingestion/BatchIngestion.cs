using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Api.Needs.Rollups;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Needs.Ingestion;

/// <summary>
/// The one pipeline every record goes through, one or a hundred thousand at a time (app, inbox, pull, file):
/// prepare in memory, binary-COPY into a staging table, place the points in PostGIS, then one upsert by
/// (channel, external id) that keeps only newer versions, writes history, queues each change for the derived tables
/// and announces it — all in one transaction. The derived tables count the queued changes after the commit
/// (<see cref="RollupApplier"/>). Bad records come back as rejections with a code; the rest is stored or, if already there, unchanged.
/// </summary>
public sealed class BatchIngestion(NpgsqlDataSource dataSource, NeedPreparer preparer, NeedFilterSql filterSql, TimeProvider time,
    RollupApplier rollups, ILogger<BatchIngestion> logger)
{
    // Each staged point takes the deepest jurisdiction that covers it, the smallest code should two of one level claim it (a
    // point on their shared border). Two ways to the same answer, as a delivery's size decides (LocateManyFrom):
    //
    // A few points (an app's, an inbox's delivery): one probe of each level's partial GiST (migration
    // JurisdictionBoundaryByLevel) per point, deepest level first, stopping at the first that covers it. A level's index holds
    // only its small polygons, so a point no longer fetches and detoasts the city's and its street's large boundaries on the
    // way to its community; and the staging table needs no index of its own. A delivery of 100 took ~12 ms the other way,
    // ~2 ms this way (bench/NeedsMap.Bench.Subscribers/locate-cost.sh; bench/results/subscribers-20000.md, "Session 23").
    private static readonly string LocateFew = $"""
        UPDATE incoming_needs i SET (jurisdiction_code, jurisdiction_path) = (j.code, j.path)
        FROM incoming_needs s CROSS JOIN LATERAL (
          {string.Join("\n  UNION ALL ", Enum.GetValues<JurisdictionLevel>().OrderDescending().Select(level =>
              $"(SELECT code, path FROM jurisdictions WHERE level = {(int)level} AND ST_Covers(boundary, s.location) ORDER BY code LIMIT 1)"))}
          LIMIT 1) j
        WHERE s.jurisdiction_code IS NULL AND i.idx = s.idx
        """;

    // Thousands of points (a file's chunks): the jurisdictions drive the join, so PostGIS tests one boundary against all the
    // staged points in its box in a row and reuses the boundary's prepared geometry; point by point, the 5,000 of a chunk
    // took 20-40 % longer (bench/results/ingest.md, "Session 23").
    private const string LocateMany = """
        CREATE INDEX ON incoming_needs USING gist (location);
        UPDATE incoming_needs i SET (jurisdiction_code, jurisdiction_path) = (m.code, m.path)
        FROM (SELECT DISTINCT ON (s.idx) s.idx, j.code, j.path
              FROM jurisdictions j CROSS JOIN LATERAL (
                SELECT s.idx FROM incoming_needs s WHERE s.jurisdiction_code IS NULL AND ST_Covers(j.boundary, s.location) OFFSET 0) s
              ORDER BY s.idx, j.level DESC, j.code) m
        WHERE i.idx = m.idx
        """;

    /// <summary>From this many staged records a delivery is located by <see cref="LocateMany"/>, and its staging table analysed first.</summary>
    public const int LocateManyFrom = 1_000;

    private const string TakeUnplaced = "DELETE FROM incoming_needs WHERE jurisdiction_code IS NULL RETURNING idx, external_id";

    // needs is partitioned by received_at, so its unique channel key is (channel_code, external_id, received_at)
    // (docs/partitions.md): a redelivery takes the stored need's received_at, so the upsert below meets the stored row
    // in its partition and updates it in place, whatever time the channel sends this time.
    private const string KeepReceivedAt = """
        UPDATE incoming_needs i SET received_at = n.received_at
        FROM needs n WHERE n.channel_code = i.channel_code AND n.external_id = i.external_id AND n.received_at <> i.received_at
        """;

    private static readonly string Upsert = $"""
        WITH src AS (
          SELECT DISTINCT ON (channel_code, external_id) * FROM incoming_needs
          ORDER BY channel_code, external_id, version DESC, idx DESC),
        old AS (
          SELECT n.id, n.text, n.version, ST_X(n.location) AS lon, ST_Y(n.location) AS lat, n.received_at, n.category_code,
            n.channel_code, n.weight
          FROM needs n JOIN src s ON s.channel_code = n.channel_code AND s.external_id = n.external_id),
        written AS (
          INSERT INTO needs AS n (channel_code, external_id, version, received_at, updated_at, text, category_code,
            category_confidence, classifier_version, status, weight, location, address, located_by, jurisdiction_code,
            jurisdiction_path, reporter_key, reporter_age_band, reporter_gender, reporter_group, contact_encrypted, contact_key_id,
            attributes)
          SELECT channel_code, external_id, version, received_at, @now, text, category_code, category_confidence,
            classifier_version, coalesce(status, 'New'), weight, location, address, located_by, jurisdiction_code, jurisdiction_path,
            reporter_key, reporter_age_band, reporter_gender, reporter_group, contact_encrypted, contact_key_id, attributes
          FROM src
          ON CONFLICT (channel_code, external_id, received_at) DO UPDATE SET
            version = excluded.version, updated_at = excluded.updated_at, text = excluded.text,
            category_code = excluded.category_code, category_confidence = excluded.category_confidence,
            classifier_version = excluded.classifier_version, weight = excluded.weight, location = excluded.location,
            address = excluded.address, located_by = excluded.located_by, jurisdiction_code = excluded.jurisdiction_code,
            jurisdiction_path = excluded.jurisdiction_path, reporter_key = excluded.reporter_key,
            reporter_age_band = excluded.reporter_age_band, reporter_gender = excluded.reporter_gender,
            reporter_group = excluded.reporter_group, attributes = excluded.attributes,
            contact_encrypted = coalesce(excluded.contact_encrypted, n.contact_encrypted),
            contact_key_id = CASE WHEN excluded.contact_encrypted IS NULL THEN n.contact_key_id ELSE excluded.contact_key_id END
          WHERE n.version < excluded.version
          RETURNING n.id, n.channel_code, n.external_id, n.version, n.status, ST_X(n.location) AS lon,
            ST_Y(n.location) AS lat, n.received_at, n.category_code, n.weight, n.jurisdiction_code, n.jurisdiction_path),
        -- A partitioned table's RETURNING cannot read xmax: a need is new when the statement's snapshot held no row for its key.
        up AS (
          SELECT w.*, old.id IS NULL AS inserted FROM written w LEFT JOIN old ON old.id = w.id),
        history AS (
          INSERT INTO need_history (need_id, at, actor, kind, to_status, version, note, previous_text)
          SELECT up.id, @now, src.actor, CASE WHEN up.inserted THEN 'created' ELSE 'revised' END,
            CASE WHEN up.inserted THEN up.status END, up.version,
            CASE WHEN up.inserted THEN NULL ELSE 'revision ' || old.version || ' -> ' || up.version END,
            CASE WHEN NOT up.inserted AND old.text IS DISTINCT FROM src.text THEN old.text END
          FROM up JOIN src ON src.channel_code = up.channel_code AND src.external_id = up.external_id
          LEFT JOIN old ON old.id = up.id
          RETURNING need_id),
        queued AS (
          INSERT INTO pending_rollups (need_id, before_longitude, before_latitude, before_received_at, before_category_code,
            before_channel_code, before_weight, after_longitude, after_latitude, after_received_at, after_category_code,
            after_channel_code, after_weight, jurisdiction_code, jurisdiction_path)
          SELECT up.id, old.lon, old.lat, old.received_at, old.category_code, old.channel_code, old.weight,
            up.lon, up.lat, up.received_at, up.category_code, up.channel_code, up.weight, up.jurisdiction_code, up.jurisdiction_path
          FROM up LEFT JOIN old ON old.id = up.id AND NOT up.inserted
          ORDER BY up.id
          RETURNING seq),
        notified AS (
          SELECT pg_notify('{NeedNotifications.Channel}', {NeedNotifications.PayloadSql("inserted", "id")}) FROM up)
        -- notified is a plain SELECT, which PostgreSQL runs only when referenced: the effects column references it.
        SELECT up.id, up.version, up.inserted, (SELECT count(*) FROM history) + (SELECT count(*) FROM notified) AS effects,
          (SELECT max(seq) FROM queued) AS queued_through
        FROM up
        """;

    // What a channel says about its records beyond their facts, for the needs this batch created or revised (the upsert
    // holds their rows): a status the channel moved a revised need to, and each of its notes not yet in the need's history.
    // Kept out of the upsert, which may not touch a row twice, and skipped when no record carries either.
    private const string Annotate = """
        WITH src AS (
          SELECT DISTINCT ON (channel_code, external_id) channel_code, external_id, version, status, notes, actor FROM incoming_needs
          ORDER BY channel_code, external_id, version DESC, idx DESC),
        target AS (
          SELECT n.id, n.status AS from_status, s.status AS to_status, s.notes, s.actor, s.version
          FROM needs n JOIN src s ON s.channel_code = n.channel_code AND s.external_id = n.external_id
          WHERE n.id = ANY(@changed) AND n.version = s.version),
        moved AS (
          UPDATE needs n SET status = t.to_status FROM target t
          WHERE n.id = t.id AND t.to_status IS NOT NULL AND t.to_status <> t.from_status
          RETURNING n.id),
        status_history AS (
          INSERT INTO need_history (need_id, at, actor, kind, from_status, to_status, version, note)
          SELECT t.id, @now, t.actor, 'status', t.from_status, t.to_status, t.version, 'moved by the channel'
          FROM target t WHERE t.to_status IS NOT NULL AND t.to_status <> t.from_status
          RETURNING need_id),
        noted AS (
          INSERT INTO need_history (need_id, at, actor, kind, version, note)
          SELECT DISTINCT t.id, (e->>'at')::timestamptz, t.actor, 'note', t.version, left((e->>'kind') || ': ' || (e->>'text'), 2000)
          FROM target t CROSS JOIN LATERAL jsonb_array_elements(t.notes) e
          WHERE t.notes IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM need_history h WHERE h.need_id = t.id AND h.kind = 'note' AND h.at = (e->>'at')::timestamptz
              AND h.note = left((e->>'kind') || ': ' || (e->>'text'), 2000))
          RETURNING need_id)
        SELECT (SELECT count(*) FROM moved) + (SELECT count(*) FROM status_history) + (SELECT count(*) FROM noted)
        """;

    // A data-modifying CTE's rows are invisible to the rest of its statement, so ids are read in a second one.
    private const string Identify = """
        SELECT i.idx, n.id, i.external_id, i.version FROM incoming_needs i
        JOIN needs n ON n.channel_code = i.channel_code AND n.external_id = i.external_id ORDER BY i.idx
        """;

    /// <param name="scope">The caller's rights when a person writes; null for trusted deliveries (inbox, pull, file).</param>
    /// <param name="awaitRollups">
    /// Return only once the derived tables count these needs (what a person or a small delivery expects of its next read);
    /// false for the chunks of a bulk file, whose rollups are counted in the background while the next chunk is stored.
    /// </param>
    public async Task<IngestBatchResult> IngestAsync(IReadOnlyList<IncomingNeed> records, AccessScope? scope, CancellationToken cancellationToken,
        bool awaitRollups = true)
    {
        var rejected = new List<IngestRejection>();
        var prepared = new List<PreparedNeed>(records.Count);
        using (IngestionTelemetry.Source.StartActivity("prepare"))
        {
            PrepareAll(records, prepared, rejected);
        }
        if (prepared.Count == 0)
        {
            return new IngestBatchResult([], rejected);
        }
        List<IngestedNeed> accepted;
        long? queuedThrough;
        for (var attempt = 1; ; attempt++)
        {
            var refused = new List<IngestRejection>();
            try
            {
                (accepted, queuedThrough) = await StoreAsync(prepared, scope, refused, cancellationToken);
                rejected.AddRange(refused);
                break;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 3)
            {
                // Two deliveries of one record with different received times raced (a channel resending a work order
                // with a corrected call time): both found no stored row, and the one that committed second met its key.
                // Again, the stored row is there, and the record becomes a revision or a no-op of it.
            }
        }
        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        if (queuedThrough is { } through)
        {
            await CountAsync(through, awaitRollups, cancellationToken);
        }
        return new IngestBatchResult(accepted, rejected);
    }

    /// <summary>One transaction: stages, locates and upserts the prepared needs; what it refuses goes to <paramref name="rejected"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Upsert is built once from this class's constants; every value comes from the staging table or a parameter.")]
    private async Task<(List<IngestedNeed> Accepted, long? QueuedThrough)> StoreAsync(List<PreparedNeed> prepared, AccessScope? scope,
        List<IngestRejection> rejected, CancellationToken cancellationToken)
    {
        var accepted = new List<IngestedNeed>(prepared.Count);
        long? queuedThrough = null;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        using (IngestionTelemetry.Source.StartActivity("stage"))
        {
            await StagingTable.FillAsync(connection, prepared, cancellationToken);
        }
        using (IngestionTelemetry.Source.StartActivity("locate"))
        {
            // Statistics for LocateMany's join and the upsert's plan; a small delivery's few pages already tell the planner
            // enough, and analysing cost it ~2 ms.
            var many = prepared.Count >= LocateManyFrom;
            if (many)
            {
                await ExecuteAsync(connection, "ANALYZE incoming_needs", cancellationToken);
            }
            if (prepared.Any(p => p.JurisdictionCode is null))
            {
                await ExecuteAsync(connection, many ? LocateMany : LocateFew, cancellationToken);
            }
        }
        await using (var take = new NpgsqlCommand(TakeUnplaced, connection))
        await using (var reader = await take.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rejected.Add(new IngestRejection(reader.GetInt32(0), reader.GetString(1), ErrorCodes.OutsideCity,
                    "The location lies outside every jurisdiction of the city."));
            }
        }
        var changed = new Dictionary<(long Id, long Version), bool>();
        if (scope is { IsEstablished: true })
        {
            await RejectOutsideScopeAsync(connection, scope, rejected, cancellationToken);
        }
        using (IngestionTelemetry.Source.StartActivity("upsert"))
        await using (var upsert = new NpgsqlCommand(Upsert, connection))
        {
            await ExecuteAsync(connection, KeepReceivedAt, cancellationToken);
            upsert.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = time.GetUtcNow().UtcDateTime });
            await using var reader = await upsert.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                changed[(reader.GetInt64(0), reader.GetInt64(1))] = reader.GetBoolean(2);
                queuedThrough = reader.IsDBNull(4) ? queuedThrough : reader.GetInt64(4);
            }
        }
        // New needs were inserted in their channel's status already: only notes, or a revision that carries a status, need this.
        if ((prepared.Any(p => p.NotesJson is not null) && changed.Count > 0)
            || (prepared.Any(p => p.Source.Status is not null) && changed.Values.Any(inserted => !inserted)))
        {
            await using var annotate = new NpgsqlCommand(Annotate, connection);
            annotate.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = time.GetUtcNow().UtcDateTime });
            annotate.Parameters.AddWithValue("changed", changed.Keys.Select(k => k.Id).Distinct().ToArray());
            await annotate.ExecuteScalarAsync(cancellationToken);
        }
        using (IngestionTelemetry.Source.StartActivity("identify"))
        await using (var identify = new NpgsqlCommand(Identify, connection))
        await using (var reader = await identify.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(1);
                var outcome = changed.TryGetValue((id, reader.GetInt64(3)), out var inserted)
                    ? inserted ? IngestOutcome.Created : IngestOutcome.Revised
                    : IngestOutcome.Unchanged;
                accepted.Add(new IngestedNeed(reader.GetInt32(0), id, reader.GetString(2), outcome));
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return (accepted, queuedThrough);
    }

    // The needs are stored whatever happens here: a count that fails stays pending and the background service retries it.
    private async Task CountAsync(long through, bool wait, CancellationToken cancellationToken)
    {
        if (!wait)
        {
            rollups.Signal();
            return;
        }
        try
        {
            await rollups.ApplyAsync(through, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Counting stored needs into the derived tables failed; the background service retries");
            rollups.Signal();
        }
    }

    private void PrepareAll(IReadOnlyList<IncomingNeed> records, List<PreparedNeed> prepared, List<IngestRejection> rejected)
    {
        for (var i = 0; i < records.Count; i++)
        {
            try
            {
                prepared.Add(preparer.Prepare(i, records[i]));
            }
            catch (DomainException ex)
            {
                rejected.Add(new IngestRejection(i, records[i].ExternalId, ex.Code!, ex.Message));
            }
        }
    }

    // A caller may write only where its rights reach, and may not revise someone else's record by reusing its id.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The condition comes from NeedFilterSql, which puts every value in a parameter.")]
    private async Task RejectOutsideScopeAsync(NpgsqlConnection connection, AccessScope scope, List<IngestRejection> rejected, CancellationToken ct)
    {
        var forbidden = new List<(int Index, string ExternalId)>();
        await using (var read = new NpgsqlCommand("SELECT idx, external_id, jurisdiction_path, channel_code FROM incoming_needs", connection))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                try
                {
                    scope.EnsureMayWrite(reader.GetString(2), reader.GetString(3));
                }
                catch (DomainException)
                {
                    forbidden.Add((reader.GetInt32(0), reader.GetString(1)));
                }
            }
        }
        if (scope.NeedFilter is { } visible)
        {
            var parameters = new SqlParameters();
            var sql = $"SELECT i.idx, i.external_id FROM incoming_needs i JOIN needs n ON n.channel_code = i.channel_code "
                + $"AND n.external_id = i.external_id WHERE NOT ({filterSql.Where(visible, parameters)})";
            await using var others = new NpgsqlCommand(sql, connection);
            parameters.AddTo(others);
            await using var reader = await others.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                forbidden.Add((reader.GetInt32(0), reader.GetString(1)));
            }
        }
        foreach (var (index, externalId) in forbidden.DistinctBy(f => f.Index))
        {
            rejected.Add(new IngestRejection(index, externalId, ErrorCodes.Forbidden, "This need lies outside what you may write."));
            await using var delete = new NpgsqlCommand("DELETE FROM incoming_needs WHERE idx = @idx", connection);
            delete.Parameters.AddWithValue("idx", index);
            await delete.ExecuteNonQueryAsync(ct);
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Every caller passes one of this class's constant statements.")]
    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
