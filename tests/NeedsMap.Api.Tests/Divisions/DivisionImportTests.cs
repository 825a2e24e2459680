using System.Globalization;
using System.Text;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Channels.Faults;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;
using Npgsql;

namespace NeedsMap.Api.Tests.Divisions;

/// <summary>What the divisions import does to a city in use: its own database, since a re-import changes the jurisdictions.</summary>
public sealed class DivisionReimportHost : NeedsMapHost;

internal static class DivisionFiles
{
    public const string Mutation = """
        mutation($input: ImportDivisionsInput!) { importDivisions(input: $input) { report {
          applied added updated unchanged moved reshaped generated retained relocatedNeeds unplacedNeeds errorCount
          issues { severity code division message share } } errors { __typename ... on Error { code message } } } }
        """;

    /// <summary>The street's communities as a table and a GeoJSON of their stored boundaries, two of them swapped.</summary>
    public static async Task<(string Csv, string GeoJson)> StreetWithSwappedCommunitiesAsync(string connectionString, string street, string a, string b)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT code, name, ST_AsGeoJSON(boundary, 15) FROM jurisdictions WHERE parent_code = @street ORDER BY code", connection);
        command.Parameters.AddWithValue("street", street);
        var rows = new List<(string Code, string Name, string Geometry)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        var geometry = rows.ToDictionary(r => r.Code, r => r.Geometry);
        (geometry[a], geometry[b]) = (geometry[b], geometry[a]);
        var csv = new StringBuilder("code,name,parent,level\n");
        foreach (var r in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{r.Code},\"{r.Name}\",{street},community\n");
        }
        var features = rows.Select(r => $$"""{"type":"Feature","properties":{"code":"{{r.Code}}"},"geometry":{{geometry[r.Code]}}}""");
        return (csv.ToString(), $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""");
    }

    public static async Task<Dictionary<string, long>> KeyMatterRecordsAsync(string connectionString, params string[] codes)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT jurisdiction_code, sum(records)::bigint FROM key_matter_demand WHERE topic = '' AND jurisdiction_code = ANY(@codes) GROUP BY 1", connection);
        command.Parameters.AddWithValue("codes", codes);
        var result = codes.ToDictionary(c => c, _ => 0L);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = reader.GetInt64(1);
        }
        return result;
    }
}

public sealed class DivisionReimportTests(DivisionReimportHost host) : IClassFixture<DivisionReimportHost>
{
    private const string Other = "330782002001";

    [Fact]
    public async Task Swapping_two_communities_boundaries_moves_their_needs_and_rollups_as_a_rebuild_would()
    {
        var atJimingshan = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var atOther = TestNeeds.InteriorOf(host, Other);
        for (var i = 0; i < 3; i++)
        {
            await TestNeeds.AddAsync(host, "工地夜间施工噪音", "noise.construction", atJimingshan);
        }
        await TestNeeds.AddAsync(host, "路灯坏了", "noise.construction", atOther);
        await DerivedTables.WaitUntilCountedAsync(host.ConnectionString);
        var before = await DivisionFiles.KeyMatterRecordsAsync(host.ConnectionString, TestNeeds.Jimingshan, Other);
        Assert.Equal(3, before[TestNeeds.Jimingshan]);
        Assert.Equal(1, before[Other]);

        var (csv, geoJson) = await DivisionFiles.StreetWithSwappedCommunitiesAsync(host.ConnectionString, TestNeeds.Jiangdong, TestNeeds.Jimingshan, Other);
        var dry = await host.GraphQLAsync(DivisionFiles.Mutation, new { input = new { divisions = csv, boundaries = geoJson, dryRun = true } });
        Assert.Null(dry["errors"]);
        var report = dry["data"]!["importDivisions"]!["report"]!;
        Assert.False(report["applied"]!.GetValue<bool>());
        Assert.Equal(0, report["errorCount"]!.GetValue<int>());
        Assert.Equal(2, report["reshaped"]!.GetValue<int>());
        Assert.Equal(0.0, report["relocatedNeeds"]!.GetValue<double>());
        Assert.Equal(before, await DivisionFiles.KeyMatterRecordsAsync(host.ConnectionString, TestNeeds.Jimingshan, Other));

        var applied = await host.GraphQLAsync(DivisionFiles.Mutation, new { input = new { divisions = csv, boundaries = geoJson } });
        Assert.Null(applied["errors"]);
        report = applied["data"]!["importDivisions"]!["report"]!;
        Assert.True(report["applied"]!.GetValue<bool>(), report.ToJsonString());
        // Every community of the street now has an official boundary instead of a generated one; two of them moved.
        var communities = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        Assert.Equal(communities, report["updated"]!.GetValue<int>());
        Assert.Equal(2, report["reshaped"]!.GetValue<int>());
        Assert.Equal(0, await DerivedTables.ScalarAsync(host.ConnectionString,
            $"SELECT count(*) FROM jurisdictions WHERE parent_code = '{TestNeeds.Jiangdong}' AND boundary_source <> 'official'"));
        Assert.Equal(4.0, report["relocatedNeeds"]!.GetValue<double>());

        var after = await DivisionFiles.KeyMatterRecordsAsync(host.ConnectionString, TestNeeds.Jimingshan, Other);
        Assert.Equal(1, after[TestNeeds.Jimingshan]);
        Assert.Equal(3, after[Other]);
        var stats = await host.GraphQLAsync($$"""{ needStats(where: { jurisdictionIn: ["{{Other}}"] }, groupBy: CATEGORY) { totalCount } }""");
        Assert.Equal(3, stats["data"]!["needStats"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(4, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM need_history WHERE kind = 'relocated'"));
        Assert.Equal(1, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM audit_log WHERE action = 'division_import'"));
        // The rollups the import left are the ones a full rebuild from the relocated needs gives.
        Assert.Empty(await DerivedTables.DifferencesFromRebuildAsync(host.Services, host.ConnectionString));
        // Importing the same files again changes nothing.
        var again = await host.GraphQLAsync(DivisionFiles.Mutation, new { input = new { divisions = csv, boundaries = geoJson } });
        Assert.Equal(0, again["data"]!["importDivisions"]!["report"]!["updated"]!.GetValue<int>());
        Assert.Equal(0.0, again["data"]!["importDivisions"]!["report"]!["relocatedNeeds"]!.GetValue<double>());
    }
}

public sealed class DivisionImportValidationTests(DivisionReimportHost host) : IClassFixture<DivisionReimportHost>
{
    [Fact]
    public async Task A_file_with_errors_is_refused_whole_and_writes_nothing()
    {
        var csv = "code,name,parent\n330782002901,新社区,330782002\n330782002901,新社区二,330782002\n330782999001,孤儿社区,330782999\n";
        var result = await host.GraphQLAsync(DivisionFiles.Mutation, new { input = new { divisions = csv } });
        Assert.Null(result["errors"]);
        var report = result["data"]!["importDivisions"]!["report"]!;
        Assert.False(report["applied"]!.GetValue<bool>());
        var codes = report["issues"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("DUPLICATE_CODE", codes);
        Assert.Contains("UNKNOWN_PARENT", codes);
        Assert.Equal(0, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM jurisdictions WHERE code LIKE '3307820029%'"));
    }

    [Fact]
    public async Task An_unreadable_table_is_invalid_input()
    {
        var result = await host.GraphQLAsync(DivisionFiles.Mutation, new { input = new { divisions = "no header here\n1,2\n" } });
        Assert.Equal("INVALID_INPUT", Payloads.Code(result));
        var both = await host.GraphQLAsync(DivisionFiles.Mutation, new { input = new { divisionsXlsx = "not base64!" } });
        Assert.Equal("INVALID_INPUT", Payloads.Code(both));
    }
}

public sealed class DivisionImportAccessTests(SecuredHost host) : IClassFixture<SecuredHost>
{
    private static readonly object Input = new { input = new { divisions = "code,name,parent\n330782,义乌市,\n", dryRun = true } };

    [Theory]
    [InlineData(RoleRights.StreetOfficer, TestNeeds.Jiangdong)]
    [InlineData(RoleRights.CommunityWorker, TestNeeds.Jimingshan)]
    [InlineData(RoleRights.Deputy, TestNeeds.Jiangdong)]
    [InlineData(RoleRights.Resident, TestNeeds.Jimingshan)]
    [InlineData(RoleRights.DepartmentStaff, null)]
    [InlineData(RoleRights.ChannelIntegrator, null)]
    [InlineData(RoleRights.Public, null)]
    public async Task Only_the_city_administrator_may_import_divisions(string role, string? jurisdiction)
    {
        var token = role == RoleRights.Public ? null : host.Token(role, jurisdiction, department: role == RoleRights.DepartmentStaff ? "environment" : null,
            channel: role == RoleRights.ChannelIntegrator ? "app" : null);
        var (_, body, _) = await host.PostAsync(DivisionFiles.Mutation, Input, token);
        var code = Payloads.Code(body);
        Assert.Contains(code, new[] { "FORBIDDEN", "AUTH_REQUIRED" });
        Assert.Null(body?["data"]?["importDivisions"]?["report"]);
    }

    [Fact]
    public async Task The_city_administrator_gets_the_report()
    {
        var (status, body, _) = await host.PostAsync(DivisionFiles.Mutation, Input, host.Token(RoleRights.CityAdmin));
        Assert.Equal(200, status);
        var report = body!["data"]!["importDivisions"]!["report"]!;
        Assert.False(report["applied"]!.GetValue<bool>());
        Assert.Equal(0, report["errorCount"]!.GetValue<int>());
        Assert.Equal(1, report["unchanged"]!.GetValue<int>());
        Assert.Contains(report["issues"]!.AsArray(), i => i!["code"]!.GetValue<string>() == "NOT_IN_FILE");
    }
}
