using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Cases;
using NeedsMap.Api.KeyMatters.Rollups;
using NeedsMap.Api.Tests.Infrastructure;
using Npgsql;

namespace NeedsMap.Api.Tests.KeyMatters;

/// <summary>
/// Bulk counting links whole batches (a file's 20,000 needs, a rebuild's), through a temporary candidate pool when large;
/// a delivery links its one need against the needs table. Both must make the same cases and the same key-matter rows.
/// </summary>
public sealed class CaseBatchLinkingTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    public Task InitializeAsync() => KeyMatterTestData.ResetAsync(host);

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string[] Texts = KeyMatterTestData.NearDuplicateTexts;

    // A dense cluster (within ~500 m) over five weeks, so that windows, distances, categories and the 20-candidate cut all bite.
    private async Task<List<long>> SeedOneByOneAsync(int count)
    {
        var centre = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var random = new Random(2026);
        var t0 = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var text = Texts[random.Next(Texts.Length)];
            var category = KeyMatterTestData.CategoryOf(text);
            // Some needs share a point exactly: their distances tie, and the tie goes to the earlier need on both paths.
            var at = i % 7 == 0 ? centre : TestNeeds.Offset(centre, random.Next(-350, 350), random.Next(-350, 350));
            await KeyMatterTestData.AddAsync(host, text, at, t0.AddHours(random.Next(0, 24 * 35)), reporter: $"r{random.Next(12)}",
                category: category);
        }
        return await KeyMatterTestData.NeedIdsAsync(host);
    }


    // Cases compared by their members (case ids are numbered in the order cases open, which differs between paths).
    private const string Cases = """
        SELECT coalesce(string_agg(c.members || ':' || c.need_count || ':' || c.category_code || ':' || c.jurisdiction_code || ':'
          || to_char(c.opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ':' || to_char(c.last_received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'),
          ' ' ORDER BY c.members), '')
        FROM (SELECT k.*, (SELECT string_agg(l.need_id::text, ',' ORDER BY l.need_id) FROM need_cases l WHERE l.case_id = k.id) AS members FROM cases k) c
        """;

    private const string Opens = "SELECT coalesce(string_agg(need_id || ':' || opens_case, ' ' ORDER BY need_id), '') FROM key_matter_needs";

    private const string Demand = """
        SELECT coalesce(string_agg(jurisdiction_code || ':' || day || ':' || category_code || ':' || records || ':' || cases || ':'
          || round(weight::numeric, 6) || ':' || anonymous || ':' || array_to_string(reporters, ',') || ':' || array_to_string(reporter_needs, ','),
          ' ' ORDER BY jurisdiction_code, day, category_code), '')
        FROM key_matter_demand WHERE topic = ''
        """;

    private static async Task<string> TextAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_batch_linked_at_once_through_the_pool_or_the_needs_table_makes_the_cases_one_need_at_a_time_made()
    {
        var ids = await SeedOneByOneAsync(120);
        var linker = host.Service<CaseLinker>();
        await using var connection = await host.Service<NpgsqlDataSource>().OpenConnectionAsync();
        var incremental = await TextAsync(connection, Cases);
        Assert.True(incremental.Split(' ').Length >= 5, "the seed should make several cases: " + incremental);

        foreach (var pooled in new[] { false, true })
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var unlink = new NpgsqlCommand("DELETE FROM need_cases; DELETE FROM cases;", connection))
            {
                await unlink.ExecuteNonQueryAsync();
            }
            IReadOnlyDictionary<long, bool> opens;
            await using (var pool = pooled ? await CasePool.ForAsync(connection, [.. ids], new CaseOptions(), CancellationToken.None) : null)
            {
                opens = await linker.LinkAsync(connection, ids, pool, null, CancellationToken.None);
            }
            Assert.Equal(incremental, await TextAsync(connection, Cases));
            var kept = await TextAsync(connection, Opens);
            Assert.Equal(kept, string.Join(' ', opens.OrderBy(o => o.Key).Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key}:{(o.Value ? "true" : "false")}"))));
            await transaction.RollbackAsync();
        }
    }

    [Fact]
    public async Task A_rebuild_in_pooled_batches_gives_the_cases_and_rows_one_need_at_a_time_gave()
    {
        await SeedOneByOneAsync(90);
        await using var connection = await host.Service<NpgsqlDataSource>().OpenConnectionAsync();
        var (cases, opens, demand) = (await TextAsync(connection, Cases), await TextAsync(connection, Opens), await TextAsync(connection, Demand));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<KeyMatterRebuilder>().RebuildAsync(CancellationToken.None);
            Assert.Equal(90, result.Needs);
        }
        Assert.Equal(cases, await TextAsync(connection, Cases));
        Assert.Equal(opens, await TextAsync(connection, Opens));
        Assert.Equal(demand, await TextAsync(connection, Demand));
    }
    [Fact]
    public async Task A_rebuild_in_small_batches_of_needs_received_in_id_order_links_as_one_batch_does()
    {
        // Ids that follow time (with a little jitter, so a few arrive late), as ingestion gives them: each batch of 250 is
        // ~3 days, its candidates reach a week back into earlier batches, and its reads say its days (ReceivedWithin). A span
        // that left a candidate out throws; one batch of all the needs is the path the other tests hold to one need at a time.
        await SeedClonesAsync(3_000, spread: "(g * interval '35 days' / 3000) + random() * interval '6 hours'");
        await using var connection = await host.Service<NpgsqlDataSource>().OpenConnectionAsync();
        var results = new List<(string Cases, string Opens, string Demand)>();
        foreach (var batchSize in new[] { KeyMatterRebuilder.BatchSize, 250 })
        {
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var result = await scope.ServiceProvider.GetRequiredService<KeyMatterRebuilder>().RebuildAsync(null, batchSize, CancellationToken.None);
                Assert.Equal(3_006, result.Needs);
            }
            results.Add((await TextAsync(connection, Cases), await TextAsync(connection, Opens), await TextAsync(connection, Demand)));
        }
        Assert.True(results[0].Cases.Split(' ').Length >= 50, "the seed should make many cases: " + results[0].Cases.Length);
        Assert.Equal(results[0], results[1]);
    }

    // Clones of the six texts' needs (one ingested each), spread by SQL over ~1.2 km and five weeks (a tenth on the template's
    // exact point, so distances tie), so each need has dozens of neighbours in the window and the 20-candidate cut bites.
    private async Task<List<long>> SeedClonesAsync(int count, string spread = "random() * interval '35 days'")
    {
        var centre = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var t0 = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        foreach (var text in Texts)
        {
            await KeyMatterTestData.AddAsync(host, text, centre, t0, category: KeyMatterTestData.CategoryOf(text));
        }
        await host.ExecuteSqlAsync(string.Create(CultureInfo.InvariantCulture, $"""
            SELECT setseed(0.2026);
            INSERT INTO needs (channel_code, external_id, version, received_at, updated_at, text, category_code, status, weight, location,
              located_by, jurisdiction_code, jurisdiction_path)
            SELECT t.channel_code, t.external_id || '-' || g, 1, t.received_at + {spread}, t.updated_at, t.text,
              t.category_code, t.status, t.weight,
              CASE WHEN g % 10 = 0 THEN t.location ELSE ST_SetSRID(ST_Translate(t.location, (random() - 0.5) * 0.012, (random() - 0.5) * 0.011), 4326) END,
              t.located_by, t.jurisdiction_code, t.jurisdiction_path
            FROM generate_series(1, {count}) g
            JOIN (SELECT n.*, row_number() OVER (ORDER BY n.id) - 1 AS k FROM needs n) t ON t.k = g % 6
            ORDER BY g;
            ANALYZE needs;
            """));
        return await KeyMatterTestData.NeedIdsAsync(host);
    }

    [Fact]
    public async Task Three_thousand_needs_linked_through_the_grid_pool_get_the_candidates_and_cases_of_the_needs_table()
    {
        var ids = await SeedClonesAsync(3_000);
        var linker = host.Service<CaseLinker>();
        await using var connection = await host.Service<NpgsqlDataSource>().OpenConnectionAsync();
        var results = new List<(List<(long, long)> Pairs, string Cases, string Opens)>();
        foreach (var pooled in new[] { false, true })
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var unlink = new NpgsqlCommand("DELETE FROM need_cases; DELETE FROM cases;", connection))
            {
                await unlink.ExecuteNonQueryAsync();
            }
            await using (var pool = pooled ? await CasePool.AllAsync(connection, new CaseOptions(), CancellationToken.None) : null)
            {
                var pairs = await linker.CandidatesAsync(connection, [.. ids], pool, CancellationToken.None);
                var opens = await linker.LinkAsync(connection, ids, pool, null, CancellationToken.None);
                results.Add(([.. pairs.Order()], await TextAsync(connection, Cases),
                    string.Join(' ', opens.OrderBy(o => o.Key).Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key}:{o.Value}")))));
            }
            await transaction.RollbackAsync();
        }
        var (table, grid) = (results[0], results[1]);
        // The cut must bite (some need has the full 20 candidates) and the seed must make cases, or the test proves little.
        Assert.Contains(table.Pairs.GroupBy(p => p.Item1), g => g.Count() == CaseLinker.MaxCandidates);
        Assert.True(table.Cases.Split(' ').Length >= 50, "the seed should make many cases: " + table.Cases.Length);
        Assert.Equal(table.Pairs.Count, grid.Pairs.Count);
        Assert.Equal(table.Pairs, grid.Pairs);
        Assert.Equal(table.Cases, grid.Cases);
        Assert.Equal(table.Opens, grid.Opens);
    }
}
