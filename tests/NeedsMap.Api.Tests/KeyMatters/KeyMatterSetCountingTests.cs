using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.KeyMatters.Rollups;
using NeedsMap.Api.Tests.Infrastructure;
using Npgsql;

namespace NeedsMap.Api.Tests.KeyMatters;

/// <summary>
/// Two paths, one answer: new needs reach <c>key_matter_demand</c> either as deltas summed in memory (a delivery, a
/// revision) or by one grouped statement over their <c>key_matter_needs</c> rows (a bulk batch, and the whole rebuild).
/// The same needs counted either way, at once or in batches merging into earlier rows, give the same rows, topics,
/// reporters and case links, and those of a full rebuild.
/// </summary>
public sealed class KeyMatterSetCountingTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    public Task InitializeAsync() => KeyMatterTestData.ResetAsync(host);

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string[] Texts = [.. KeyMatterTestData.NearDuplicateTexts, "小区门口乱停车，消防通道被堵住了"];

    // Every row whole: key, counts, weight to 6 places, reporters and their needs, topics included.
    private const string Demand = """
        SELECT coalesce(string_agg(jurisdiction_code || ':' || day || ':' || category_code || ':' || topic || ':' || records || ':' || cases || ':'
          || round(weight::numeric, 6) || ':' || anonymous || ':' || array_to_string(reporters, ',') || ':' || array_to_string(reporter_needs, ','),
          ' ' ORDER BY jurisdiction_code, day, category_code, topic), '')
        FROM key_matter_demand
        """;

    private const string Needs = """
        SELECT coalesce(string_agg(need_id || ':' || day || ':' || jurisdiction_path || ':' || category_code || ':' || round(weight::numeric, 6)
          || ':' || opens_case || ':' || coalesce(reporter::text, '-') || ':' || array_to_string(topics, ','), ' ' ORDER BY need_id), '')
        FROM key_matter_needs
        """;

    private const string Links = "SELECT coalesce(string_agg(n.id || ':' || coalesce((SELECT min(m.need_id) FROM need_cases m WHERE m.case_id = l.case_id)::text, '-'), ' ' ORDER BY n.id), '') FROM needs n LEFT JOIN need_cases l ON l.need_id = n.id";

    private static async Task<string> TextAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<long>> SeedAsync(int count)
    {
        var jimingshan = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var first = TestNeeds.InteriorOf(host, TestNeeds.ChouchengFirstCommunity);
        var random = new Random(18);
        var t0 = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var text = Texts[random.Next(Texts.Length)];
            var category = KeyMatterTestData.CategoryOf(text);
            var centre = random.Next(3) == 0 ? first : jimingshan;
            // Some anonymous, some reporters repeating, two channels (two weights), days repeating, exact ties of place.
            await KeyMatterTestData.AddAsync(host, text, i % 5 == 0 ? centre : TestNeeds.Offset(centre, random.Next(-300, 300), random.Next(-300, 300)),
                t0.AddHours(random.Next(0, 24 * 20)), reporter: random.Next(4) == 0 ? null : $"r{random.Next(9)}",
                channel: random.Next(3) == 0 ? "wechat" : "12345", category: category);
        }
        return await KeyMatterTestData.NeedIdsAsync(host);
    }

    [Fact]
    public async Task New_needs_counted_set_wise_or_in_memory_at_once_or_in_batches_give_the_rows_and_links_of_a_rebuild_and_of_one_at_a_time()
    {
        var ids = await SeedAsync(150);
        await using var connection = await host.Service<NpgsqlDataSource>().OpenConnectionAsync();
        // One need at a time (each delivery counted in memory), before any topic is learnt.
        var (oneByOneLinks, oneByOneCategories) = (await TextAsync(connection, Links), await TextAsync(connection, Demand.Replace("FROM key_matter_demand", "FROM key_matter_demand WHERE topic = ''", StringComparison.Ordinal)));

        // The rebuild (topics learnt, every need linked again, all counted by the grouped statement at the end).
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<KeyMatterRebuilder>().RebuildAsync(CancellationToken.None);
        }
        var (links, demand, needs) = (await TextAsync(connection, Links), await TextAsync(connection, Demand), await TextAsync(connection, Needs));
        Assert.Equal(oneByOneLinks, links);
        Assert.Equal(oneByOneCategories, await TextAsync(connection, Demand.Replace("FROM key_matter_demand", "FROM key_matter_demand WHERE topic = ''", StringComparison.Ordinal)));
        Assert.True(demand.Split(' ').Count(r => r.Split(':')[3].Length > 0) >= 10, "the rebuild should have learnt topics: " + demand);
        Assert.Contains(":-:", needs, StringComparison.Ordinal); // anonymous needs are in the test

        var writer = host.Service<KeyMatterRollupWriter>();
        var half = ids.Count / 2;
        var runs = new (string Name, KeyMatterRollupWriter.NewNeeds Mode, long[][] Batches)[]
        {
            ("in memory, one batch", KeyMatterRollupWriter.NewNeeds.InMemory, [[.. ids]]),
            ("set-wise, one batch", KeyMatterRollupWriter.NewNeeds.SetBased, [[.. ids]]),
            ("set-wise, two batches merging into the first's rows", KeyMatterRollupWriter.NewNeeds.SetBased, [[.. ids.Take(half)], [.. ids.Skip(half)]]),
            ("set-wise then in memory", KeyMatterRollupWriter.NewNeeds.SetBased, [[.. ids.Take(half)]]),
        };
        foreach (var (name, mode, batches) in runs)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var clear = new NpgsqlCommand("DELETE FROM need_cases; DELETE FROM cases; DELETE FROM key_matter_needs; DELETE FROM key_matter_demand;", connection))
            {
                await clear.ExecuteNonQueryAsync();
            }
            foreach (var batch in batches)
            {
                await writer.ApplyAsync(connection, batch, [], notify: false, CancellationToken.None, newNeeds: mode);
            }
            if (name == "set-wise then in memory")
            {
                await writer.ApplyAsync(connection, [.. ids.Skip(half)], [], notify: false, CancellationToken.None, newNeeds: KeyMatterRollupWriter.NewNeeds.InMemory);
            }
            Assert.True(links == await TextAsync(connection, Links), name + ": case links differ");
            Assert.True(needs == await TextAsync(connection, Needs), name + ": key_matter_needs differ");
            Assert.True(demand == await TextAsync(connection, Demand), name + ": key_matter_demand differs");
            // A revision of every need (nothing changed) takes away in memory what the grouped statement added: rows unchanged.
            await writer.ApplyAsync(connection, [], ids, notify: false, CancellationToken.None);
            Assert.True(demand == await TextAsync(connection, Demand), name + ": a revision after it changed key_matter_demand");
            await transaction.RollbackAsync();
        }
    }
}
