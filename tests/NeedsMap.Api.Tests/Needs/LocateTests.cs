using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Sdk.Geo;
using Npgsql;

namespace NeedsMap.Api.Tests.Needs;

/// <summary>Ingestion places each point in the deepest jurisdiction covering it, the same one whichever way it arrives.</summary>
public sealed class LocateTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_point_on_communities_shared_border_goes_to_the_smallest_code_covering_it_every_time()
    {
        // Corners of one community that lie on a neighbour's boundary: both communities cover them (and at a corner where
        // three meet, a third), so the expected one is the smallest code of all that cover it.
        var borders = new List<(GeoPoint At, string Smallest, string Corner)>();
        await using (var connection = new NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT DISTINCT ON (a.code) ST_X(v.p), ST_Y(v.p),
                  (SELECT min(c.code) FROM jurisdictions c WHERE c.level = 3 AND ST_Covers(c.boundary, v.p)), a.code
                FROM jurisdictions a
                JOIN jurisdictions b ON b.level = 3 AND b.code > a.code AND a.boundary && b.boundary
                CROSS JOIN LATERAL (SELECT (ST_DumpPoints(a.boundary)).geom AS p) v
                WHERE a.level = 3 AND ST_Covers(b.boundary, v.p)
                ORDER BY a.code, b.code
                LIMIT 12
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                borders.Add((new GeoPoint(reader.GetDouble(0), reader.GetDouble(1)), reader.GetString(2), reader.GetString(3)));
            }
        }
        Assert.NotEmpty(borders);
        // Each point alone (a small delivery, located point by point), and all of them again and again in one delivery large
        // enough to be located from the jurisdictions' side (BatchIngestion.LocateManyFrom), in the other order.
        var alone = new List<long>();
        foreach (var (at, _, _) in borders)
        {
            alone.AddRange(await TestNeeds.AddManyAsync(host, [new TestNeed("路灯不亮", "utilities.streetlight", at)]));
        }
        var rounds = (BatchIngestion.LocateManyFrom + borders.Count - 1) / borders.Count;
        var many = Enumerable.Range(0, rounds).SelectMany(_ => Enumerable.Reverse(borders)).Select(b => new TestNeed("路灯不亮", "utilities.streetlight", b.At)).ToList();
        Assert.True(many.Count >= BatchIngestion.LocateManyFrom);
        var together = await TestNeeds.AddManyAsync(host, many);
        var expected = borders.Select(b => b.Smallest).ToList();
        Assert.Contains(borders, b => b.Smallest == b.Corner);
        Assert.Equal(expected, await JurisdictionsOfAsync([.. alone]));
        var stored = await JurisdictionsOfAsync([.. together]);
        Assert.Equal(Enumerable.Range(0, rounds).SelectMany(_ => Enumerable.Reverse(expected)), stored);
    }

    private async Task<List<string>> JurisdictionsOfAsync(long[] ids)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT n.jurisdiction_code FROM unnest(@ids) WITH ORDINALITY AS x(id, i) JOIN needs n ON n.id = x.id ORDER BY x.i", connection);
        command.Parameters.AddWithValue("ids", ids);
        var codes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            codes.Add(reader.GetString(0));
        }
        return codes;
    }
}
