using System.Text.Json.Nodes;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.Graph;

/// <summary>
/// serviceListConnection and rejectedRecordsConnection: pages that add up to the deprecated list, totalCount of the same
/// query, and the quarantine's connection refused to every role but the city administrator, like its list.
/// </summary>
public sealed class ListConnectionTests(SecuredHost host) : IClassFixture<SecuredHost>, IAsyncLifetime
{
    private const string Services = """
        query($first: Int, $after: String, $category: String) {
          serviceListConnection(first: $first, after: $after, categoryCode: $category) {
            totalCount pageInfo { hasNextPage endCursor } nodes { id name } } }
        """;

    public async Task InitializeAsync()
    {
        await host.ExecuteSqlAsync("TRUNCATE service_items RESTART IDENTITY CASCADE");
        foreach (var (name, category) in new[] { ("夜间施工噪声", "noise.construction"), ("餐饮油烟", "noise"), ("广场舞噪声", "noise") })
        {
            var saved = await host.GraphQLAsync("mutation($input: ServiceItemInput!) { saveServiceItem(input: $input) { serviceItem { id } errors { ... on Error { code } } } }",
                new { input = new { name, categoryCode = category, departmentCodes = new[] { "enforcement" }, deadlineHours = 24 } }, token: Admin);
            Assert.True(saved["errors"] is null, saved.ToJsonString());
            Payloads.AssertNoRefusals(saved["data"]);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Admin => host.Token(RoleRights.CityAdmin);

    private Task<JsonNode> OkAsync(string query, object? variables, string? token) => host.GraphQLDataAsync(query, variables, token);

    [Fact]
    public async Task Service_list_pages_add_up_to_the_list_newest_first_and_count_only_the_category_asked_for()
    {
        var token = host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong);
        var first = (await OkAsync(Services, new { first = 2 }, token))["serviceListConnection"]!;
        Assert.Equal(3, first["totalCount"]!.GetValue<int>());
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var rest = (await OkAsync(Services, new { first = 2, after = first["pageInfo"]!["endCursor"]!.GetValue<string>() }, token))["serviceListConnection"]!;
        var paged = first["nodes"]!.AsArray().Concat(rest["nodes"]!.AsArray()).Select(n => n!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["广场舞噪声", "餐饮油烟", "夜间施工噪声"], paged);
        var list = (await OkAsync("{ serviceList { name } }", null, token))["serviceList"]!.AsArray().Select(n => n!["name"]!.GetValue<string>());
        Assert.Equal(list.Order(StringComparer.Ordinal), paged.Order(StringComparer.Ordinal));
        var noise = (await OkAsync(Services, new { first = 10, category = "noise" }, token))["serviceListConnection"]!;
        Assert.Equal(2, noise["totalCount"]!.GetValue<int>());
        Assert.Equal(2, noise["nodes"]!.AsArray().Count);
    }

    [Fact]
    public async Task Rejected_records_connection_counts_the_list_for_the_city_administrator_and_is_refused_to_everyone_else()
    {
        var page = (await OkAsync("{ rejectedRecordsConnection(first: 500, includeReplayed: true) { totalCount nodes { id } } }", null, Admin))["rejectedRecordsConnection"]!;
        var list = (await OkAsync("{ rejectedRecords(first: 500, includeReplayed: true) { id } }", null, Admin))["rejectedRecords"]!.AsArray();
        Assert.Equal(list.Count, page["totalCount"]!.GetValue<int>());
        Assert.Equal(list.Select(n => n!["id"]!.GetValue<string>()), page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
        foreach (var (token, code) in new[] { (host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong), "FORBIDDEN"), ((string?)null, "AUTH_REQUIRED") })
        {
            var refused = await host.GraphQLAsync("{ rejectedRecordsConnection(first: 10) { totalCount } }", token: token);
            Assert.Equal(code, refused["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
            Assert.Null(refused["data"]);
        }
    }
}
