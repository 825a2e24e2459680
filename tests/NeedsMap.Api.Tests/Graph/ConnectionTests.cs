using System.Text.Json.Nodes;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.Graph;

/// <summary>
/// The loop's lists as Relay connections: keyset pages forward and back that add up to the whole list, totalCount, the
/// role's page-size limit, a foreign cursor refused; and the deprecated list answers the same items meanwhile.
/// </summary>
public sealed class ConnectionTests(SecuredHost host) : IClassFixture<SecuredHost>, IAsyncLifetime
{
    private const string Page = """
        query($first: Int, $after: String, $last: Int, $before: String) {
          scenesConnection(first: $first, after: $after, last: $last, before: $before) {
            totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id name } } } }
        """;

    public async Task InitializeAsync()
    {
        await host.ExecuteSqlAsync("TRUNCATE scenes RESTART IDENTITY CASCADE");
        var square = new { type = "Polygon", coordinates = new[] { new[] { new[] { 120.07, 29.30 }, new[] { 120.08, 29.30 }, new[] { 120.08, 29.31 }, new[] { 120.07, 29.31 }, new[] { 120.07, 29.30 } } } };
        for (var i = 1; i <= 5; i++)
        {
            var created = await host.GraphQLAsync("mutation($input: CreateSceneInput!) { createScene(input: $input) { scene { id } errors { __typename ... on Error { code message } } } }",
                new { input = new { name = $"场景{i}", area = square, categoryCodes = new[] { "noise" } } }, token: host.Token(RoleRights.CityAdmin));
            Assert.True(created["errors"] is null, created.ToJsonString());
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonNode> PageAsync(object variables, string? token = null)
    {
        var body = await host.GraphQLAsync(Page, variables, token: token);
        Assert.True(body["errors"] is null, body.ToJsonString());
        return body["data"]!["scenesConnection"]!;
    }

    private static List<string> Names(JsonNode page) => page["edges"]!.AsArray().Select(e => e!["node"]!["name"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Pages_forward_and_back_add_up_to_the_whole_list_newest_first_with_its_total_count()
    {
        var first = await PageAsync(new { first = 2 });
        Assert.Equal(["场景5", "场景4"], Names(first));
        Assert.Equal(5, first["totalCount"]!.GetValue<int>());
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var second = await PageAsync(new { first = 2, after = first["pageInfo"]!["endCursor"]!.GetValue<string>() });
        var third = await PageAsync(new { first = 2, after = second["pageInfo"]!["endCursor"]!.GetValue<string>() });
        Assert.Equal(["场景3", "场景2"], Names(second));
        Assert.Equal(["场景1"], Names(third));
        Assert.False(third["pageInfo"]!["hasNextPage"]!.GetValue<bool>());

        var back = await PageAsync(new { last = 2, before = third["pageInfo"]!["startCursor"]!.GetValue<string>() });
        Assert.Equal(Names(second), Names(back));
        Assert.True(back["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());

        // The deprecated list answers the same scenes for its deprecation period.
        var list = await host.GraphQLAsync("{ scenes { name } }");
        Assert.Equal(5, list["data"]!["scenes"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_public_pages_too_within_its_page_size_and_a_cursor_not_ours_is_INVALID_CURSOR()
    {
        Assert.Equal(5, (await PageAsync(new { first = 50 }))["totalCount"]!.GetValue<int>());
        var tooLarge = await host.GraphQLAsync(Page, new { first = RoleRights.For(RoleRights.Public).MaxPageSize + 1 });
        Assert.Equal("PAGE_TOO_LARGE", tooLarge["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(5, (await PageAsync(new { first = 100 }, host.Token(RoleRights.CityAdmin)))["totalCount"]!.GetValue<int>());
        var foreign = await host.GraphQLAsync(Page, new { first = 2, after = Convert.ToBase64String("Need:1"u8.ToArray()) });
        Assert.Equal("INVALID_CURSOR", foreign["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }
}
