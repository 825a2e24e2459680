using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Needs;
using NeedsMap.Classification.Similarity;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Cases;

/// <summary>
/// Links newly stored needs to earlier near-duplicates, as their changes are counted, a whole batch at a
/// time: one query finds the candidate pairs (PostGIS on the GiST index, the time and top-category conditions),
/// one reads their texts, fingerprints decide, and two statements write the links (<c>need_cases</c>, one narrow row a
/// linked need: linking never rewrites the wide, much-indexed needs row). "Earlier" means stored
/// earlier (a smaller id), so a batch, a redelivery or a rebuild in id order links the same way.
/// </summary>
public sealed class CaseLinker(CaseOptions options)
{
    // ST_DWithin on degrees bounds the index scan (at the city's latitudes 300 m is well inside metres / 50,000 degrees
    // both ways); the geography test then decides exactly. The nearest candidates come first (the GiST index's KNN order,
    // ties by id), stopping at MaxCandidates: a need in a dense cluster (a building site hundreds complain about) is
    // compared with its nearest recent neighbours, not with the whole cluster. The box of Data/Sql/MetreBox (a few per cent wider
    // than the metres, both ways) narrows what the index walks to about a quarter of the degrees' square; it never
    // drops a need the geography test keeps, so it changes the cost, not the answer.
    private static readonly string Candidates = $"""
        SELECT n.id, c.id
        FROM needs n
        CROSS JOIN LATERAL (
          SELECT c.id FROM needs c
          WHERE c.id < n.id
            AND c.received_at >= n.received_at - make_interval(days => @days)
            AND c.received_at <= n.received_at + make_interval(days => @days)
            AND split_part(c.category_code, '.', 1) = split_part(n.category_code, '.', 1)
            AND ST_DWithin(c.location, n.location, @degrees)
            AND c.location && {MetreBox.Around("n.location", "@metres")}
            AND ST_DWithin(c.location::geography, n.location::geography, @metres)
          ORDER BY c.location <-> n.location, c.id
          LIMIT @limit) c
        WHERE n.id = ANY(@ids)
        """;

    // The same conditions over a CasePool, set-based: each need meets the pooled needs of its category in the 3 x 3 cells
    // around its own and the neighbouring time buckets (nine b-tree probes, each a short range), the exact conditions of
    // Candidates decide, and a window keeps each need's MaxCandidates nearest (ties by id), the order Candidates' LIMIT
    // keeps. So a batch linked through the pool and one need at a time through the needs table get the same candidates.
    private static readonly string PooledCandidates = $"""
        SELECT s.need, s.candidate FROM (
          SELECT n.id AS need, c.id AS candidate,
            row_number() OVER (PARTITION BY n.id ORDER BY c.location <-> n.location, c.id) AS r
          FROM case_pool n
          CROSS JOIN (VALUES (-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 0), (0, 1), (1, -1), (1, 0), (1, 1)) o(x, y)
          JOIN case_pool c ON c.top = n.top AND c.gx = n.gx + o.x AND c.gy = n.gy + o.y AND c.tb BETWEEN n.tb - 1 AND n.tb + 1
          WHERE n.id = ANY(@ids)
            AND c.id < n.id
            AND c.received_at >= n.received_at - make_interval(days => @days)
            AND c.received_at <= n.received_at + make_interval(days => @days)
            AND ST_DWithin(c.location, n.location, @degrees)
            AND c.location && {MetreBox.Around("n.location", "@metres")}
            AND ST_DWithin(c.location::geography, n.location::geography, @metres)) s
        WHERE s.r <= @limit
        """;

    /// <summary>
    /// From this many new needs a batch builds its own <see cref="CasePool"/> (a bulk file's counting batches of 20,000 do;
    /// the applier's batches of deliveries do not). Measured side by side on the 200,000-need bench database under load ~30
    /// (bench/NeedsMap.Bench.KeyMatters/case-candidates-batch-ab.sql, 20,000 needs): the needs table's search 10.5 s, building
    /// the grid pool of the batch's window (120,000 needs) 2.9 s plus its search 4.3 s, the same 54,578 pairs. The old
    /// n-dimensional GiST pool was no faster than the needs table, so this was 100,000 until the pool became a grid.
    /// </summary>
    public const int PoolFrom = 10_000;

    public const int MaxCandidates = 20;

    private const string Texts = """
        SELECT n.id, n.text, l.case_id, n.received_at, n.category_code, n.jurisdiction_code, n.jurisdiction_path
        FROM needs n LEFT JOIN need_cases l ON l.need_id = n.id WHERE n.id = ANY(@ids)
        """;

    private sealed record Row(long Id, string Text, long? CaseId, DateTimeOffset ReceivedAt, string CategoryCode, string JurisdictionCode, string JurisdictionPath);

    /// <summary>Links <paramref name="newIds"/>; returns for each whether it opened a case of its own (true) or joined an earlier need's (false).</summary>
    public Task<IReadOnlyDictionary<long, bool>> LinkAsync(NpgsqlConnection connection, IReadOnlyCollection<long> newIds, CancellationToken ct) =>
        LinkAsync(connection, newIds, null, null, ct);

    /// <summary>
    /// As <see cref="LinkAsync(NpgsqlConnection, IReadOnlyCollection{long}, CancellationToken)"/>, searching <paramref name="pool"/> when
    /// given (a rebuild makes one for all its batches); a batch of <see cref="PoolFrom"/> or more makes its own.
    /// </summary>
    /// <param name="received">When every one of <paramref name="newIds"/> was received, if the caller knows (a rebuild does):
    /// the texts are then read from the quarters around it alone.</param>
    public async Task<IReadOnlyDictionary<long, bool>> LinkAsync(NpgsqlConnection connection, IReadOnlyCollection<long> newIds, CasePool? pool,
        ReceivedWithin? received, CancellationToken ct)
    {
        // Distinct: one batch may hold the same need twice (two queued changes of it), and a poison batch would stall counting.
        var opens = newIds.Distinct().ToDictionary(id => id, _ => true);
        if (newIds.Count == 0)
        {
            return opens;
        }
        List<(long Need, long Candidate)> pairs;
        await using (var own = pool is null && opens.Count >= PoolFrom ? await CasePool.ForAsync(connection, opens.Keys.ToArray(), options, ct) : null)
        {
            pairs = await CandidatesAsync(connection, opens.Keys.ToArray(), pool ?? own, ct);
        }
        if (pairs.Count == 0)
        {
            return opens;
        }
        // A candidate is received within the window's days of its need; a day more covers any rounding of the interval.
        var rows = await ReadAsync(connection, pairs.SelectMany(p => new[] { p.Need, p.Candidate }).Distinct().ToArray(),
            received?.Widen(TimeSpan.FromDays(options.Days + 1)), ct);
        var fingerprints = Fingerprints(rows.Values, ct);
        var caseOf = rows.Values.Where(r => r.CaseId is not null).ToDictionary(r => r.Id, r => r.CaseId!.Value);
        var newCases = new List<Row>();
        var placeholder = -1L;
        var links = new Dictionary<long, long>();
        foreach (var group in pairs.GroupBy(p => p.Need).OrderBy(g => g.Key))
        {
            var need = fingerprints[group.Key];
            var best = group.Select(p => (p.Candidate, Similarity: need.Similarity(fingerprints[p.Candidate])))
                .Where(c => c.Similarity >= options.Similarity)
                .OrderByDescending(c => c.Similarity).ThenBy(c => c.Candidate).FirstOrDefault();
            if (best.Candidate == 0)
            {
                continue;
            }
            if (!caseOf.TryGetValue(best.Candidate, out var caseId))
            {
                // The earlier need stood alone: the two open a case, numbered for now by a placeholder.
                caseId = placeholder--;
                newCases.Add(rows[best.Candidate]);
                caseOf[best.Candidate] = caseId;
                links[best.Candidate] = caseId;
            }
            caseOf[group.Key] = caseId;
            links[group.Key] = caseId;
            opens[group.Key] = false;
        }
        if (links.Count == 0)
        {
            return opens;
        }
        var ids = await AllocateAsync(connection, newCases.Count, ct);
        long Resolve(long id) => id < 0 ? ids[(int)(-id - 1)] : id;
        await WriteAsync(connection, newCases, ids, links.ToDictionary(l => l.Key, l => Resolve(l.Value)), rows, ct);
        return opens;
    }

    /// <summary>From this many texts a batch's fingerprints are made on every core (MinHash over 128 permutations is pure CPU,
    /// ~40,000 texts in a bulk file's counting batch of 20,000 needs, while the database waits); the same fingerprints either way.</summary>
    public const int ParallelFingerprintsFrom = 2_000;

    private static Dictionary<long, TextFingerprint> Fingerprints(IEnumerable<Row> rows, CancellationToken ct)
    {
        var list = rows.ToArray();
        var prints = new TextFingerprint[list.Length];
        if (list.Length >= ParallelFingerprintsFrom)
        {
            Parallel.For(0, list.Length, new ParallelOptions { CancellationToken = ct }, i => prints[i] = TextFingerprint.Create(list[i].Text));
        }
        else
        {
            for (var i = 0; i < list.Length; i++)
            {
                prints[i] = TextFingerprint.Create(list[i].Text);
            }
        }
        var fingerprints = new Dictionary<long, TextFingerprint>(list.Length);
        for (var i = 0; i < list.Length; i++)
        {
            fingerprints[list[i].Id] = prints[i];
        }
        return fingerprints;
    }

    /// <summary>The candidate pairs (need, earlier need) of <paramref name="ids"/>: through <paramref name="pool"/> when given, else the needs table.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "One of two constant statements; values are parameters.")]
    internal async Task<List<(long Need, long Candidate)>> CandidatesAsync(NpgsqlConnection connection, long[] ids, CasePool? pool, CancellationToken ct)
    {
        var pairs = new List<(long Need, long Candidate)>();
        await using var command = new NpgsqlCommand(pool is null ? Candidates : PooledCandidates, connection);
        command.Parameters.AddWithValue("days", options.Days);
        command.Parameters.AddWithValue("limit", MaxCandidates);
        command.Parameters.AddWithValue("degrees", options.Metres / 50_000);
        command.Parameters.AddWithValue("metres", options.Metres);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            pairs.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }
        return pairs;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "A constant statement and ReceivedWithin's constant condition; values are parameters.")]
    private static async Task<Dictionary<long, Row>> ReadAsync(NpgsqlConnection connection, long[] ids, ReceivedWithin? received, CancellationToken ct)
    {
        var rows = new Dictionary<long, Row>();
        await using var command = new NpgsqlCommand($"{Texts} {ReceivedWithin.Condition(received, "n.received_at")}", connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids });
        ReceivedWithin.AddParameters(command, received);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = new Row(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4), reader.GetString(5), reader.GetString(6));
            rows[row.Id] = row;
        }
        ReceivedWithin.EnsureNoneLeftOut(received, ids, rows.Count);
        return rows;
    }

    private static async Task<long[]> AllocateAsync(NpgsqlConnection connection, int count, CancellationToken ct)
    {
        var ids = new long[count];
        if (count == 0)
        {
            return ids;
        }
        await using var command = new NpgsqlCommand("SELECT nextval(pg_get_serial_sequence('cases', 'id')) FROM generate_series(1, @n)", connection);
        command.Parameters.AddWithValue("n", count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        for (var i = 0; await reader.ReadAsync(ct); i++)
        {
            ids[i] = reader.GetInt64(0);
        }
        return ids;
    }

    // A link only adds a need to a case, so a case's times widen by its new members' (read with the texts), and its count is
    // its links': the needs table is not read again. Joining every member's needs row, each probing every quarter's primary
    // key, was most of a ten-million rebuild's time once its cases had grown.
    private static async Task WriteAsync(NpgsqlConnection connection, List<Row> openers, long[] ids, Dictionary<long, long> links,
        Dictionary<long, Row> rows, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO cases (id, category_code, opened_at, last_received_at, need_count, jurisdiction_code, jurisdiction_path)
            SELECT o.id, split_part(o.cat, '.', 1), o.at, o.at, 0, o.code, o.path
            FROM unnest(@case_ids, @cats, @ats, @codes, @paths) AS o(id, cat, at, code, path);
            INSERT INTO need_cases (need_id, case_id) SELECT * FROM unnest(@need_ids, @link_cases) ORDER BY 1
            ON CONFLICT (need_id) DO UPDATE SET case_id = excluded.case_id;
            UPDATE cases c SET need_count = s.count, last_received_at = greatest(c.last_received_at, s.last), opened_at = least(c.opened_at, s.first)
            FROM (SELECT k.case_id, (SELECT count(*)::int FROM need_cases l WHERE l.case_id = k.case_id) AS count, max(k.at) AS last, min(k.at) AS first
                  FROM unnest(@link_cases, @link_ats) AS k(case_id, at) GROUP BY k.case_id) s
            WHERE c.id = s.case_id;
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("case_ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids });
        command.Parameters.Add(new NpgsqlParameter("cats", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = openers.Select(o => o.CategoryCode).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = openers.Select(o => o.ReceivedAt.UtcDateTime).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("codes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = openers.Select(o => o.JurisdictionCode).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("paths", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = openers.Select(o => o.JurisdictionPath).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("need_ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = links.Keys.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("link_cases", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = links.Values.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("link_ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            Value = links.Keys.Select(id => rows[id].ReceivedAt.UtcDateTime).ToArray(),
        });
        await command.ExecuteNonQueryAsync(ct);
    }
}
