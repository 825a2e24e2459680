using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Divisions;
using NeedsMap.Api.Tests.Channels.Faults;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Sdk.Geo;
using Npgsql;

namespace NeedsMap.Api.Tests.Divisions;

/// <summary>A re-import's own database: moving a community changes the jurisdictions.</summary>
public sealed class DivisionMoveHost : NeedsMapHost;

/// <summary>
/// A re-import that moves a community to another street (a 撤并 of the kind cities do): the community keeps its code,
/// its subtree's paths, its needs' paths, its cases and the rollups follow it to the new street, and what is left is
/// what a full rebuild gives. Imported through the importer the CLI and the mutation share.
/// </summary>
public sealed class DivisionMoveTests(DivisionMoveHost host) : IClassFixture<DivisionMoveHost>
{
    [Fact]
    public async Task A_community_moved_to_a_neighbouring_street_takes_its_needs_and_rollups_along()
    {
        var (community, from, to) = await BorderCommunityAsync();
        var atCommunity = TestNeeds.InteriorOf(host, community);
        for (var i = 0; i < 3; i++)
        {
            await TestNeeds.AddAsync(host, "工地夜间施工噪音", "noise.construction", atCommunity);
        }
        var stayer = await ScalarTextAsync($"SELECT code FROM jurisdictions WHERE parent_code = '{from}' AND code <> '{community}' ORDER BY code LIMIT 1");
        await TestNeeds.AddAsync(host, "工地夜间施工噪音", "noise.construction", TestNeeds.InteriorOf(host, stayer));
        await DerivedTables.WaitUntilCountedAsync(host.ConnectionString);
        var before = await DivisionFiles.KeyMatterRecordsAsync(host.ConnectionString, from, to);
        var oldPath = await ScalarTextAsync($"SELECT path FROM jurisdictions WHERE code = '{community}'");

        var (csv, geoJson) = await MoveFilesAsync(community, from, to);
        await using var scope = host.Services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<DivisionImport>();
        var result = await import.ImportAsync(new DivisionSource(csv, null, geoJson, CoordinateSystem.Wgs84, 0.01), dryRun: false, CancellationToken.None);

        Assert.True(result.Applied, string.Join("; ", result.Plan.Issues.Select(i => $"{i.Code} {i.Division}: {i.Message}")));
        var moved = Assert.Single(result.Plan.Divisions, d => d.Moved);
        Assert.Equal(community, moved.Code);
        var newPath = await ScalarTextAsync($"SELECT path FROM jurisdictions WHERE code = '{community}'");
        Assert.NotEqual(oldPath, newPath);
        Assert.Equal(to, await ScalarTextAsync($"SELECT parent_code FROM jurisdictions WHERE code = '{community}'"));
        // The community's needs keep their division and take its new path; nobody else's moved.
        Assert.Equal(3, await DerivedTables.ScalarAsync(host.ConnectionString,
            $"SELECT count(*) FROM needs WHERE jurisdiction_code = '{community}' AND jurisdiction_path = '{newPath}'"));
        Assert.Equal(0, await DerivedTables.ScalarAsync(host.ConnectionString, $"SELECT count(*) FROM needs WHERE jurisdiction_path LIKE '{oldPath}%'"));
        Assert.Equal(0, await DerivedTables.ScalarAsync(host.ConnectionString, $"SELECT count(*) FROM cases WHERE jurisdiction_path LIKE '{oldPath}%'"));
        // The streets' key-matter counts move by the community's three needs.
        var after = await DivisionFiles.KeyMatterRecordsAsync(host.ConnectionString, from, to);
        Assert.Equal(before[from] - 3, after[from]);
        Assert.Equal(before[to] + 3, after[to]);
        Assert.Empty(await DerivedTables.DifferencesFromRebuildAsync(host.Services, host.ConnectionString));
        // A reader asking by street sees the move.
        var stats = await host.GraphQLAsync($$"""{ needStats(where: { jurisdictionIn: ["{{to}}"] }, groupBy: CATEGORY) { totalCount } }""");
        Assert.Equal(3, stats["data"]!["needStats"]!["totalCount"]!.GetValue<int>());
    }

    /// <summary>A community sharing the longest border with a street other than its own.</summary>
    private async Task<(string Community, string From, string To)> BorderCommunityAsync()
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.code, c.parent_code, s.code FROM jurisdictions c
              JOIN jurisdictions s ON s.level = c.level - 1 AND s.code <> c.parent_code AND ST_Intersects(s.boundary, c.boundary)
            WHERE c.parent_code IN (SELECT code FROM jurisdictions WHERE level = c.level - 1)
              AND (SELECT count(*) FROM jurisdictions o WHERE o.parent_code = c.parent_code) > 1
            ORDER BY ST_Length(ST_Intersection(ST_Boundary(s.boundary), ST_Boundary(c.boundary))::geography) DESC, c.code LIMIT 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "The demo city has a community on a street border.");
        return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
    }

    /// <summary>
    /// The two streets and all their communities (siblings give their boundaries all or none): the community's area leaves
    /// one street's outline and joins the other's.
    /// </summary>
    private async Task<(string Csv, string GeoJson)> MoveFilesAsync(string community, string from, string to)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH c AS (SELECT boundary FROM jurisdictions WHERE code = @community)
            SELECT j.code, j.name, j.parent_code, ST_AsGeoJSON(CASE
                WHEN j.code = @from THEN ST_Multi(ST_Difference(j.boundary, c.boundary))
                WHEN j.code = @to THEN ST_Multi(ST_Union(j.boundary, c.boundary))
                ELSE j.boundary END, 15)
            FROM jurisdictions j, c WHERE j.code IN (@from, @to) OR j.parent_code IN (@from, @to) ORDER BY j.level, j.code
            """, connection);
        command.Parameters.AddWithValue("community", community);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        var csv = new System.Text.StringBuilder("code,name,parent\n");
        var features = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var code = reader.GetString(0);
            csv.Append(CultureInfo.InvariantCulture, $"{code},\"{reader.GetString(1)}\",{(code == community ? to : reader.GetString(2))}\n");
            features.Add($$"""{"type":"Feature","properties":{"code":"{{code}}"},"geometry":{{reader.GetString(3)}}}""");
        }
        return (csv.ToString(), $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""");
    }

    private async Task<string> ScalarTextAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
