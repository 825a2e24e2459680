using NeedsMap.Api.Cases;
using NeedsMap.Api.KeyMatters.Events;
using NeedsMap.Api.KeyMatters.Topics;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Weather.Rollups;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.KeyMatters.Rollups;

/// <summary>
/// Keeps the key-matter rollups current as stored changes are counted: links new needs into cases, tags them
/// with their category's learned topics, then adds each need (and takes away a revised need's previous
/// contribution) at every level of its jurisdiction path, for its category and each of its topics. Set-based:
/// a handful of statements per batch, whatever its size. Announces the touched jurisdictions.
/// </summary>
public sealed class KeyMatterRollupWriter(CaseLinker linker, TopicVocabulary topics, CityDays days) : INeedWriteHook
{
    private readonly record struct Key(string Jurisdiction, DateOnly Day, string Category, string Topic);

    private sealed class Delta
    {
        public int Records;
        public int Cases;
        public double Weight;
        public int Anonymous;
        public readonly SortedDictionary<long, int> Reporters = [];

        public bool IsEmpty => Records == 0 && Cases == 0 && Anonymous == 0 && Math.Abs(Weight) <= 1e-12 && Reporters.Values.All(n => n == 0);
    }

    public Task OnStoredAsync(NpgsqlConnection connection, IReadOnlyList<StoredNeedChange> changes, CancellationToken cancellationToken) =>
        ApplyAsync(connection, changes.Where(c => c.Before is null).Select(c => c.NeedId).ToList(),
            changes.Where(c => c.Before is not null).Select(c => c.NeedId).ToList(), notify: true, cancellationToken);

    /// <summary>
    /// From this many needs counted for the first time in one batch (a bulk file's), they are added to the rollups by one
    /// grouped statement in the database (<see cref="KeyMatterDemandCounter"/>) instead of deltas summed here.
    /// </summary>
    public const int SetBasedFrom = 1_000;

    /// <summary>How needs counted for the first time reach <c>key_matter_demand</c>.</summary>
    internal enum NewNeeds
    {
        /// <summary>Set-based from <see cref="SetBasedFrom"/> needs, in memory below.</summary>
        Auto,
        /// <summary>Deltas summed in memory, as for a revision.</summary>
        InMemory,
        /// <summary>One grouped statement over their <c>key_matter_needs</c> rows.</summary>
        SetBased,
        /// <summary>Only their <c>key_matter_needs</c> rows: the caller adds them all at the end (the rebuild).</summary>
        Deferred,
    }

    /// <summary>Counts <paramref name="created"/> needs (linking them first) and recounts <paramref name="revised"/> ones.</summary>
    /// <param name="received">When all of them were received, if the caller knows (the rebuild): their reads then prune the other quarters.</param>
    internal async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<long> created, IReadOnlyList<long> revised, bool notify,
        CancellationToken cancellationToken, CasePool? pool = null, NewNeeds newNeeds = NewNeeds.Auto, ReceivedWithin? received = null)
    {
        if (created.Count + revised.Count == 0)
        {
            return;
        }
        IReadOnlyDictionary<long, bool> opens;
        using (IngestionTelemetry.Source.StartActivity("keymatters:link"))
        {
            opens = await linker.LinkAsync(connection, created, pool, received, cancellationToken);
        }
        var ids = created.Concat(revised).ToArray();
        Dictionary<long, KeyMatterNeed> before, after;
        using (IngestionTelemetry.Source.StartActivity("keymatters:read"))
        {
            before = await ReadContributionsAsync(connection, ids, cancellationToken);
            after = await ReadNeedsAsync(connection, ids, received, cancellationToken);
        }
        var fresh = after.Keys.Where(id => !before.ContainsKey(id)).ToList();
        if (newNeeds == NewNeeds.Auto)
        {
            newNeeds = fresh.Count >= SetBasedFrom ? NewNeeds.SetBased : NewNeeds.InMemory;
        }
        var demand = new SortedDictionary<Key, Delta>(KeyComparer.Instance);
        foreach (var (id, contribution) in after)
        {
            if (before.TryGetValue(id, out var old))
            {
                Accumulate(demand, old, -1);
                contribution.OpensCase = old.OpensCase;
            }
            else
            {
                contribution.OpensCase = opens.GetValueOrDefault(id, true);
                if (newNeeds != NewNeeds.InMemory)
                {
                    continue;
                }
            }
            Accumulate(demand, contribution, +1);
        }
        using (IngestionTelemetry.Source.StartActivity("keymatters:write"))
        {
            await WriteAsync(connection, demand, after.Values.ToList(), cancellationToken);
            if (newNeeds == NewNeeds.SetBased)
            {
                await KeyMatterDemandCounter.AddAsync(connection, fresh, cancellationToken);
            }
        }
        if (notify)
        {
            await KeyMatterNotifications.NotifyAsync(connection, after.Values.Select(c => c.JurisdictionPath)
                .Concat(before.Values.Select(c => c.JurisdictionPath)), cancellationToken);
        }
    }

    private static void Accumulate(SortedDictionary<Key, Delta> demand, KeyMatterNeed need, int sign)
    {
        foreach (var jurisdiction in need.JurisdictionPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var topic in need.Topics.Prepend(""))
            {
                var key = new Key(jurisdiction, need.Day, need.CategoryCode, topic);
                if (!demand.TryGetValue(key, out var delta))
                {
                    demand[key] = delta = new Delta();
                }
                delta.Records += sign;
                delta.Cases += need.OpensCase ? sign : 0;
                delta.Weight += sign * need.Weight;
                if (need.Reporter is { } reporter)
                {
                    delta.Reporters[reporter] = delta.Reporters.GetValueOrDefault(reporter) + sign;
                }
                else
                {
                    delta.Anonymous += sign;
                }
            }
        }
    }

    private static async Task<Dictionary<long, KeyMatterNeed>> ReadContributionsAsync(NpgsqlConnection connection, long[] ids, CancellationToken ct)
    {
        var result = new Dictionary<long, KeyMatterNeed>();
        await using var command = new NpgsqlCommand(
            "SELECT need_id, day, jurisdiction_path, category_code, weight, opens_case, reporter, topics FROM key_matter_needs WHERE need_id = ANY(@ids)", connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetInt64(0)] = new KeyMatterNeed
            {
                NeedId = reader.GetInt64(0),
                Day = reader.GetFieldValue<DateOnly>(1),
                JurisdictionPath = reader.GetString(2),
                CategoryCode = reader.GetString(3),
                Weight = reader.GetDouble(4),
                OpensCase = reader.GetBoolean(5),
                Reporter = reader.IsDBNull(6) ? null : reader.GetInt64(6),
                Topics = reader.GetFieldValue<string[]>(7),
            };
        }
        return result;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Interpolates constant SQL expressions (ReporterHash, ReceivedWithin.Condition); values are parameters.")]
    private async Task<Dictionary<long, KeyMatterNeed>> ReadNeedsAsync(NpgsqlConnection connection, long[] ids, ReceivedWithin? received, CancellationToken ct)
    {
        var result = new Dictionary<long, KeyMatterNeed>();
        await using var command = new NpgsqlCommand($"""
            SELECT id, received_at, jurisdiction_path, category_code, weight, {ReporterHash("reporter_key")}, text
            FROM needs WHERE id = ANY(@ids) {ReceivedWithin.Condition(received, "received_at")} ORDER BY id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids });
        ReceivedWithin.AddParameters(command, received);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var category = reader.GetString(3);
            result[reader.GetInt64(0)] = new KeyMatterNeed
            {
                NeedId = reader.GetInt64(0),
                Day = days.DayOf(reader.GetFieldValue<DateTimeOffset>(1)),
                JurisdictionPath = reader.GetString(2),
                CategoryCode = category,
                Weight = reader.GetDouble(4),
                Reporter = reader.IsDBNull(5) ? null : reader.GetInt64(5),
                Topics = topics.Tag(category, reader.GetString(6)),
            };
        }
        ReceivedWithin.EnsureNoneLeftOut(received, ids, result.Count);
        return result;
    }

    /// <summary>64 bits of the reporter key's MD5: enough to count distinct residents without keeping the key twice.</summary>
    public static string ReporterHash(string column) => $"('x' || substr(md5({column}), 1, 16))::bit(64)::bigint";

    // A row's reporters are merged with the batch's: counts added per reporter, those left with none dropped, the
    // rest kept ascending. Rows whose records reach zero are deleted.
    private static async Task WriteAsync(NpgsqlConnection connection, SortedDictionary<Key, Delta> demand, List<KeyMatterNeed> needs, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO key_matter_demand AS x (jurisdiction_code, day, category_code, topic, records, cases, weight, anonymous, reporters, reporter_needs)
            SELECT d.code, d.day, d.cat, d.topic, d.records, d.cases, d.weight, d.anonymous,
              coalesce(r.reporters, '{}'), coalesce(r.needs, '{}')
            FROM unnest(@codes, @days, @cats, @topics, @records, @cases, @weights, @anonymous) WITH ORDINALITY
              AS d(code, day, cat, topic, records, cases, weight, anonymous, row)
            LEFT JOIN (
              SELECT row, array_agg(reporter ORDER BY reporter) AS reporters, array_agg(needs ORDER BY reporter) AS needs
              FROM unnest(@r_rows, @r_reporters, @r_needs) AS r(row, reporter, needs) GROUP BY row) AS r ON r.row = d.row
            ORDER BY d.row
            ON CONFLICT (jurisdiction_code, day, category_code, topic) DO UPDATE SET records = x.records + excluded.records,
              cases = x.cases + excluded.cases, weight = x.weight + excluded.weight, anonymous = x.anonymous + excluded.anonymous,
              (reporters, reporter_needs) = (
                SELECT coalesce(array_agg(u.reporter ORDER BY u.reporter), '{}'), coalesce(array_agg(u.needs ORDER BY u.reporter), '{}')
                FROM (SELECT reporter, sum(needs)::int AS needs
                      FROM (SELECT * FROM unnest(x.reporters, x.reporter_needs)
                            UNION ALL SELECT * FROM unnest(excluded.reporters, excluded.reporter_needs)) AS b(reporter, needs)
                      GROUP BY reporter HAVING sum(needs) > 0) AS u);
            DELETE FROM key_matter_demand x USING unnest(@codes, @days, @cats, @topics) AS d(code, day, cat, topic)
            WHERE x.jurisdiction_code = d.code AND x.day = d.day AND x.category_code = d.cat AND x.topic = d.topic AND x.records <= 0;
            INSERT INTO key_matter_needs AS x (need_id, day, jurisdiction_path, category_code, weight, opens_case, reporter, topics)
            SELECT n.id, n.day, n.path, n.cat, n.w, n.opens, n.reporter, string_to_array(n.topics, '|')
            FROM unnest(@n_ids, @n_days, @n_paths, @n_cats, @n_weights, @n_opens, @n_reporters, @n_topics)
              AS n(id, day, path, cat, w, opens, reporter, topics)
            ON CONFLICT (need_id) DO UPDATE SET day = excluded.day, jurisdiction_path = excluded.jurisdiction_path,
              category_code = excluded.category_code, weight = excluded.weight, opens_case = excluded.opens_case,
              reporter = excluded.reporter, topics = excluded.topics;
            """;
        var d = demand.Where(kv => !kv.Value.IsEmpty).ToList();
        var r = d.SelectMany((kv, i) => kv.Value.Reporters.Where(p => p.Value != 0).Select(p => (Row: i + 1L, Reporter: p.Key, Needs: p.Value))).ToList();
        await using var command = new NpgsqlCommand(sql, connection);
        Add(command, "codes", NpgsqlDbType.Text, d.Select(x => x.Key.Jurisdiction));
        Add(command, "days", NpgsqlDbType.Date, d.Select(x => x.Key.Day));
        Add(command, "cats", NpgsqlDbType.Text, d.Select(x => x.Key.Category));
        Add(command, "topics", NpgsqlDbType.Text, d.Select(x => x.Key.Topic));
        Add(command, "records", NpgsqlDbType.Integer, d.Select(x => x.Value.Records));
        Add(command, "cases", NpgsqlDbType.Integer, d.Select(x => x.Value.Cases));
        Add(command, "weights", NpgsqlDbType.Double, d.Select(x => x.Value.Weight));
        Add(command, "anonymous", NpgsqlDbType.Integer, d.Select(x => x.Value.Anonymous));
        Add(command, "r_rows", NpgsqlDbType.Bigint, r.Select(x => x.Row));
        Add(command, "r_reporters", NpgsqlDbType.Bigint, r.Select(x => x.Reporter));
        Add(command, "r_needs", NpgsqlDbType.Integer, r.Select(x => x.Needs));
        Add(command, "n_ids", NpgsqlDbType.Bigint, needs.Select(n => n.NeedId));
        Add(command, "n_days", NpgsqlDbType.Date, needs.Select(n => n.Day));
        Add(command, "n_paths", NpgsqlDbType.Text, needs.Select(n => n.JurisdictionPath));
        Add(command, "n_cats", NpgsqlDbType.Text, needs.Select(n => n.CategoryCode));
        Add(command, "n_weights", NpgsqlDbType.Double, needs.Select(n => n.Weight));
        Add(command, "n_opens", NpgsqlDbType.Boolean, needs.Select(n => n.OpensCase));
        Add(command, "n_reporters", NpgsqlDbType.Bigint, needs.Select(n => n.Reporter));
        Add(command, "n_topics", NpgsqlDbType.Text, needs.Select(n => string.Join('|', n.Topics)));
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void Add<T>(NpgsqlCommand command, string name, NpgsqlDbType type, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values.ToArray() });

    // Rows are written in one order by every transaction, so concurrent batches queue on their locks instead of deadlocking.
    private sealed class KeyComparer : IComparer<Key>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(Key x, Key y)
        {
            var c = string.CompareOrdinal(x.Jurisdiction, y.Jurisdiction);
            c = c != 0 ? c : x.Day.CompareTo(y.Day);
            c = c != 0 ? c : string.CompareOrdinal(x.Category, y.Category);
            return c != 0 ? c : string.CompareOrdinal(x.Topic, y.Topic);
        }
    }
}
