namespace NeedsMap.Api.Tests.Loop;

public sealed class SceneAndListTests(LoopHost host) : IClassFixture<LoopHost>, IAsyncLifetime
{
    private const string CreateScene = "mutation($input: CreateSceneInput!) { createScene(input: $input) { scene { id verdict needsReplanning } errors { __typename ... on Error { code message } } } }";
    private static readonly object Square = new
    {
        type = "Polygon", coordinates = new[] { new[] { new[] { 120.07, 29.30 }, new[] { 120.08, 29.30 }, new[] { 120.08, 29.31 }, new[] { 120.07, 29.31 }, new[] { 120.07, 29.30 } } },
    };

    public Task InitializeAsync() => host.ResetLoopAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_scene_on_a_self_intersecting_polygon_or_a_point_is_invalid_geometry_and_not_stored()
    {
        var bowtie = new { type = "Polygon", coordinates = new[] { new[] { new[] { 120.0, 29.3 }, new[] { 120.1, 29.4 }, new[] { 120.1, 29.3 }, new[] { 120.0, 29.4 }, new[] { 120.0, 29.3 } } } };
        Assert.Equal("INVALID_GEOMETRY", await host.ErrorCodeAsync(CreateScene, new { input = new { name = "x", area = bowtie, categoryCodes = new[] { "noise" } } }));
        Assert.Equal("INVALID_GEOMETRY", await host.ErrorCodeAsync(CreateScene, new { input = new { name = "x", area = new { type = "Point", coordinates = new[] { 120.0, 29.3 } }, categoryCodes = new[] { "noise" } } }));
        Assert.Equal("UNKNOWN_CATEGORY", await host.ErrorCodeAsync(CreateScene, new { input = new { name = "x", area = Square, categoryCodes = new[] { "nope" } } }));
        Assert.Equal(0, await host.CountAsync("scenes"));
    }

    [Fact]
    public async Task A_new_scene_is_too_early_to_judge_and_an_unknown_scene_is_not_found()
    {
        var id = (await host.OkAsync(CreateScene, new { input = new { name = "传感器", area = Square, categoryCodes = new[] { "noise" } } }))["createScene"]!["scene"]!["id"]!.GetValue<string>();
        host.Clock.Advance(TimeSpan.FromDays(20));
        var effect = await host.OkAsync("query($id: ID!) { sceneEffect(id: $id) { verdict weeksAfter } }", new { id });
        Assert.Equal(("TOO_EARLY", 2), (effect["sceneEffect"]!["verdict"]!.GetValue<string>(), effect["sceneEffect"]!["weeksAfter"]!.GetValue<int>()));
        Assert.Equal("NOT_FOUND", await host.ErrorCodeAsync("mutation($id: ID!) { evaluateScene(input: { id: $id }) { effect { verdict } errors { __typename ... on Error { code message } } } }", new { id = "U2NlbmU6OTk5" }));
    }

    [Fact]
    public async Task The_service_list_is_seeded_and_editable_and_refuses_unknown_departments()
    {
        const string Save = "mutation($input: ServiceItemInput!) { saveServiceItem(input: $input) { serviceItem { id name deadlineHours departments { code name } } errors { __typename ... on Error { code message } } } }";
        var list = await host.OkAsync("{ departments { code name } serviceList(categoryCode: \"noise.construction\") { id deadlineHours departments { code } } }");
        Assert.Contains("综合执法局", list["departments"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()));
        var id = list["serviceList"]![0]!["id"]!.GetValue<string>();
        var saved = (await host.OkAsync(Save, new { input = new { id, categoryCode = "noise.construction", name = "夜间施工噪声快速处置", departmentCodes = new[] { "enforcement" }, deadlineHours = 24 } }))["saveServiceItem"]!["serviceItem"]!;
        Assert.Equal((24, "综合执法局"), (saved["deadlineHours"]!.GetValue<int>(), saved["departments"]![0]!["name"]!.GetValue<string>()));
        var count = await host.CountAsync("service_items");
        Assert.Equal("UNKNOWN_DEPARTMENT", await host.ErrorCodeAsync(Save, new { input = new { categoryCode = "noise", name = "x", departmentCodes = new[] { "nope" }, deadlineHours = 24 } }));
        Assert.Equal("NOT_FOUND", await host.ErrorCodeAsync(Save, new { input = new { id = "U2VydmljZUl0ZW06OTk5", categoryCode = "noise", name = "x", departmentCodes = new[] { "police" }, deadlineHours = 24 } }));
        Assert.Equal(count, await host.CountAsync("service_items"));
    }

    [Fact]
    public async Task One_thing_joins_services_and_the_reform_list_wants_several_departments_or_a_rule_change()
    {
        var services = (await host.OkAsync("{ serviceList { id } }"))["serviceList"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Take(2).ToArray();
        var bundle = await host.OkAsync("mutation($input: OneThingInput!) { createOneThing(input: $input) { oneThing { name serviceItemIds } errors { __typename ... on Error { code message } } } }",
            new { input = new { name = "夜间施工噪声一件事", serviceItemIds = services } });
        Assert.Equal(services, bundle["createOneThing"]!["oneThing"]!["serviceItemIds"]!.AsArray().Select(s => s!.GetValue<string>()));
        const string Add = "mutation($input: ReformItemInput!) { addReformItem(input: $input) { reformItem { id } errors { __typename ... on Error { code message } } } }";
        Assert.Equal("INVALID_INPUT", await host.ErrorCodeAsync(Add, new { input = new { title = "t", problem = "p", departmentCodes = new[] { "police" }, evidence = "e" } }));
        Assert.Equal("UNKNOWN_DEPARTMENT", await host.ErrorCodeAsync(Add, new { input = new { title = "t", problem = "p", departmentCodes = new[] { "police", "nope" }, evidence = "e" } }));
        Assert.Equal("NOT_FOUND", await host.ErrorCodeAsync("mutation($input: OneThingInput!) { createOneThing(input: $input) { oneThing { name } errors { __typename ... on Error { code message } } } }",
            new { input = new { name = "x", serviceItemIds = new[] { services[0], "U2VydmljZUl0ZW06OTk5" } } }));
        Assert.Equal((0L, 1L), (await host.CountAsync("reform_items"), await host.CountAsync("one_things")));
    }
}
