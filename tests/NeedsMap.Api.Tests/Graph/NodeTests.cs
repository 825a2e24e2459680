using System.Globalization;
using System.Text.Json.Nodes;
using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.Graph;

/// <summary>
/// node(id) is one more door to every object: each type with an id implements Node, and node(id) answers each role exactly
/// what that type's own field answers it (null outside its scope), through the real token path, the public included.
/// </summary>
public sealed class NodeTests(SecuredHost host) : IClassFixture<SecuredHost>, IAsyncLifetime
{
    private const string ById = "query($id: ID!) { node(id: $id) { __typename id } }";

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        await host.ExecuteSqlAsync("TRUNCATE whistles, whistle_departments, whistle_needs, whistle_history, consultations, scenes RESTART IDENTITY CASCADE");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Admin => host.Token(RoleRights.CityAdmin);

    private async Task<JsonNode?> NodeAsync(string id, string? token)
    {
        var body = await host.GraphQLAsync(ById, new { id }, token: token);
        Assert.True(body["errors"] is null, body.ToJsonString());
        return body["data"]!["node"];
    }

    private Task<JsonNode> OkAsync(string query, object? variables = null) => host.GraphQLDataAsync(query, variables, Admin);

    private static string Id(string type, long key) => GlobalId.Encode(type, key.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public void Every_object_type_with_an_id_implements_Node_and_node_can_resolve_it_through_a_real_root_field()
    {
        var schema = host.Service<ISchema>();
        var query = schema.Query;
        var withId = schema.AllTypes.OfType<IObjectGraphType>()
            .Where(t => t != schema.Query && t != schema.Mutation && t != schema.Subscription && !t.Name.StartsWith("__", StringComparison.Ordinal))
            .Where(t => t.GetField("id") is not null).ToList();
        Assert.NotEmpty(withId);
        foreach (var type in withId)
        {
            Assert.True(type.ResolvedInterfaces.Any(i => i.Name == "Node"), $"{type.Name} has an id but does not implement Node.");
            Assert.True(NodeTypes.ByName.TryGetValue(type.Name, out var node), $"{type.Name} implements Node but node(id) cannot resolve it.");
            Assert.NotNull(query.GetField(node!.Door));
        }
    }

    [Fact]
    public async Task A_need_is_found_by_node_only_by_roles_whose_need_field_finds_it()
    {
        var need = await TestNeeds.AddAsync(host, "楼下广场舞太吵", "noise", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan));
        var id = Id("Need", need.Id);
        var expectations = new (string? Token, bool Found)[]
        {
            (Admin, true),
            (host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong), true),
            (host.Token(RoleRights.CommunityWorker, TestNeeds.Jimingshan), true),
            (host.Token(RoleRights.StreetOfficer, TestNeeds.Choucheng), false),
            (host.Token(RoleRights.Resident, TestNeeds.Jimingshan, subject: "someone-else"), false),
            (null, false),
        };
        foreach (var (token, found) in expectations)
        {
            var byNode = await NodeAsync(id, token);
            var byNeed = await host.GraphQLAsync("query($id: ID!) { need(id: $id) { id } }", new { id }, token: token);
            Assert.Equal(found, byNode is not null);
            // The two doors agree: where need(id) gives the need, node(id) gives the same one; the public gets neither.
            Assert.Equal(byNeed["data"]?["need"]?["id"]?.GetValue<string>(), byNode?["id"]?.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_whistle_is_found_by_node_by_its_called_departments_and_its_street_not_by_others_or_the_public()
    {
        var need = await TestNeeds.AddAsync(host, "工地半夜打桩", "noise", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan));
        var blown = await OkAsync("mutation($input: BlowWhistleInput!) { blowWhistle(input: $input) { whistle { id } errors { __typename ... on Error { code message } } } }", new
        {
            input = new { blownBy = TestNeeds.Jimingshan, departmentCodes = new[] { "housing" }, needIds = new[] { Id("Need", need.Id) } },
        });
        var id = blown["blowWhistle"]!["whistle"]!["id"]!.GetValue<string>();
        Assert.Equal("Whistle", (await NodeAsync(id, Admin))?["__typename"]?.GetValue<string>());
        Assert.NotNull(await NodeAsync(id, host.Token(RoleRights.DepartmentStaff, subject: "h", department: "housing")));
        Assert.NotNull(await NodeAsync(id, host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong)));
        Assert.Null(await NodeAsync(id, host.Token(RoleRights.DepartmentStaff, subject: "e", department: "education")));
        Assert.Null(await NodeAsync(id, host.Token(RoleRights.StreetOfficer, TestNeeds.Choucheng)));
        Assert.Null(await NodeAsync(id, null));
    }

    [Fact]
    public async Task A_consultation_and_its_parts_are_found_by_the_public_with_names_masked_and_not_by_a_foreign_street()
    {
        var started = await OkAsync("mutation($input: StartConsultationInput!) { startConsultation(input: $input) { consultation { id } errors { __typename ... on Error { code message } } } }", new
        {
            input = new { title = "鸡鸣山夜间施工噪声怎么办", categoryCode = "noise.construction", jurisdictionCode = TestNeeds.Jimingshan, supportThreshold = 3 },
        });
        var consultation = started["startConsultation"]!["consultation"]!["id"]!.GetValue<string>();
        var participant = (await OkAsync("mutation($input: JoinConsultationInput!) { joinConsultation(input: $input) { participant { id } errors { __typename ... on Error { code message } } } }",
            new { input = new { consultationId = consultation, name = "张阿姨", role = "RESIDENT" } }))["joinConsultation"]!["participant"]!["id"]!.GetValue<string>();
        var post = (await OkAsync("mutation($input: PostInput!) { postToConsultation(input: $input) { post { id } errors { __typename ... on Error { code message } } } }",
            new { input = new { consultationId = consultation, participantId = participant, body = "每晚十一点后还在打桩" } }))["postToConsultation"]!["post"]!["id"]!.GetValue<string>();
        var proposal = (await OkAsync("mutation($input: ProposeInput!) { propose(input: $input) { proposal { id } errors { __typename ... on Error { code message } } } }",
            new { input = new { consultationId = consultation, participantId = participant, text = "装噪声传感器" } }))["propose"]!["proposal"]!["id"]!.GetValue<string>();

        foreach (var (id, type) in new[] { (consultation, "Consultation"), (participant, "ConsultationParticipant"), (post, "ConsultationPost"), (proposal, "Proposal") })
        {
            Assert.Equal(type, (await NodeAsync(id, null))?["__typename"]?.GetValue<string>());
            Assert.NotNull(await NodeAsync(id, host.Token(RoleRights.CommunityWorker, TestNeeds.Jimingshan)));
            Assert.Null(await NodeAsync(id, host.Token(RoleRights.StreetOfficer, TestNeeds.Choucheng)));
        }
        var named = await host.GraphQLAsync("query($id: ID!) { node(id: $id) { ... on ConsultationParticipant { name } } }", new { id = participant });
        Assert.Equal("居民", named["data"]!["node"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cell_refetched_by_node_has_the_numbers_cells_gives_and_the_public_gets_no_cell_under_500_m()
    {
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        for (var i = 0; i < 6; i++)
        {
            await TestNeeds.AddAsync(host, "夜间施工噪声", "noise", at, receivedAt: DateTimeOffset.UtcNow.AddHours(-3 - i));
        }
        foreach (var (resolution, token) in new[] { ("R500", (string?)null), ("R250", Admin) })
        {
            var cells = (await host.GraphQLAsync($"{{ cells(resolution: {resolution}) {{ id key count }} }}", token: token))["data"]!["cells"]!.AsArray();
            var cell = cells.Single(c => c!["count"]!.GetValue<int>() == 6)!;
            var byNode = await host.GraphQLAsync("query($id: ID!) { node(id: $id) { ... on Cell { key count } } }", new { id = cell["id"]!.GetValue<string>() }, token: token);
            Assert.Equal(cell["key"]!.GetValue<string>(), byNode["data"]!["node"]!["key"]!.GetValue<string>());
            Assert.Equal(6, byNode["data"]!["node"]!["count"]!.GetValue<int>());
            if (resolution == "R250")
            {
                // A resident sees the weather as the public does: no cell under 500 m, and no error either.
                Assert.Null(await NodeAsync(cell["id"]!.GetValue<string>(), null));
                Assert.Null(await NodeAsync(cell["id"]!.GetValue<string>(), host.Token(RoleRights.Resident, TestNeeds.Jimingshan)));
            }
        }
    }

    [Fact]
    public async Task A_scene_is_found_by_everyone_who_may_read_scenes_and_admin_only_types_are_null_for_others()
    {
        var square = new
        {
            type = "Polygon", coordinates = new[] { new[] { new[] { 120.07, 29.30 }, new[] { 120.08, 29.30 }, new[] { 120.08, 29.31 }, new[] { 120.07, 29.31 }, new[] { 120.07, 29.30 } } },
        };
        var scene = (await OkAsync("mutation($input: CreateSceneInput!) { createScene(input: $input) { scene { id } errors { __typename ... on Error { code message } } } }",
            new { input = new { name = "传感器", area = square, categoryCodes = new[] { "noise" } } }))["createScene"]!["scene"]!["id"]!.GetValue<string>();
        Assert.Equal("Scene", (await NodeAsync(scene, null))?["__typename"]?.GetValue<string>());
        Assert.NotNull(await NodeAsync(scene, host.Token(RoleRights.Resident, TestNeeds.Jimingshan)));

        // rejectedRecords is the city administrator's alone: node(id) answers no one else for that type.
        var rejected = Id("RejectedRecord", 1);
        Assert.Null(await NodeAsync(rejected, host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong)));
        Assert.Null(await NodeAsync(rejected, null));
    }
}
