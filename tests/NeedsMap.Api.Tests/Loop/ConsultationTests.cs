using static NeedsMap.Api.Tests.Loop.ConsultationStory;

namespace NeedsMap.Api.Tests.Loop;

public sealed class ConsultationTests(LoopHost host) : IClassFixture<LoopHost>, IAsyncLifetime
{
    private string _id = "";
    private string _resident = "";
    private string _official = "";

    public async Task InitializeAsync()
    {
        await host.ResetLoopAsync();
        _id = await StartAsync(host, threshold: 2);
        _resident = await JoinAsync(host, _id, "张阿姨", "RESIDENT");
        _official = await JoinAsync(host, _id, "王书记", "OFFICIAL");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> ProposeAsync() =>
        (await host.OkAsync(Propose, new { input = new { consultationId = _id, participantId = _resident, text = "装传感器" } }))["propose"]!["proposal"]!["id"]!.GetValue<string>();

    [Fact]
    public async Task A_proposal_is_supported_once_the_threshold_is_reached_and_a_second_vote_is_already_voted()
    {
        var proposal = await ProposeAsync();
        var one = (await host.OkAsync(Support, new { input = new { proposalId = proposal, participantId = _resident } }))["supportProposal"]!["proposal"]!;
        Assert.False(one["supported"]!.GetValue<bool>());
        Assert.Equal("ALREADY_VOTED", await host.ErrorCodeAsync(Support, new { input = new { proposalId = proposal, participantId = _resident } }));
        Assert.Equal(1, await host.CountAsync("proposal_votes"));
        var two = (await host.OkAsync(Support, new { input = new { proposalId = proposal, participantId = _official } }))["supportProposal"]!["proposal"]!;
        Assert.Equal((true, 2), (two["supported"]!.GetValue<bool>(), two["supportCount"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Moderation_hides_a_post_with_its_reason_and_keeps_it_in_its_thread()
    {
        var root = (await host.OkAsync(Post, new { input = new { consultationId = _id, participantId = _resident, body = "工地太吵" } }))["postToConsultation"]!["post"]!["id"]!.GetValue<string>();
        var reply = (await host.OkAsync(Post, new { input = new { consultationId = _id, participantId = _official, body = "人身攻击内容", replyToId = root } }))["postToConsultation"]!["post"]!["id"]!.GetValue<string>();
        await host.OkAsync("mutation($input: HidePostInput!) { hidePost(input: $input) { post { id } errors { __typename ... on Error { code message } } } }", new { input = new { postId = reply, reason = "人身攻击" } });
        var data = await host.OkAsync("query($id: ID!) { consultation(id: $id) { threads { body replies { id body hidden hiddenReason } } } }", new { id = _id });
        var hidden = data["consultation"]!["threads"]![0]!["replies"]![0]!;
        Assert.Equal((reply, true, "人身攻击"), (hidden["id"]!.GetValue<string>(), hidden["hidden"]!.GetValue<bool>(), hidden["hiddenReason"]!.GetValue<string>()));
        Assert.Null(hidden["body"]);
        Assert.Equal(2, await host.CountAsync("consultation_posts"));
        Assert.Equal("ILLEGAL_TRANSITION", await host.ErrorCodeAsync("mutation($input: HidePostInput!) { hidePost(input: $input) { post { id } errors { __typename ... on Error { code message } } } }",
            new { input = new { postId = reply, reason = "again" } }));
    }

    [Fact]
    public async Task A_close_whose_scene_is_refused_creates_nothing_and_leaves_the_consultation_open()
    {
        var bowtie = new { type = "Polygon", coordinates = new[] { new[] { new[] { 120.0, 29.3 }, new[] { 120.1, 29.4 }, new[] { 120.1, 29.3 }, new[] { 120.0, 29.4 }, new[] { 120.0, 29.3 } } } };
        var code = await host.ErrorCodeAsync(Close, new
        {
            input = new
            {
                id = _id, outcome = "装传感器", scene = new { name = "x", area = bowtie, categoryCodes = new[] { "noise" } },
                reformItem = new { title = "夜间施工审批", problem = "审批与执法脱节", departmentCodes = new[] { "housing", "enforcement" }, evidence = "协商记录" }
            }
        });
        Assert.Equal("INVALID_GEOMETRY", code);
        Assert.Equal((0L, 0L), (await host.CountAsync("scenes"), await host.CountAsync("reform_items")));
        Assert.Equal("OPEN", (await host.OkAsync("query($id: ID!) { consultation(id: $id) { status } }", new { id = _id }))["consultation"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_close_can_add_a_reform_item_and_a_closed_consultation_takes_no_more_posts_or_closes()
    {
        var closed = (await host.OkAsync(Close, new
        {
            input = new
            {
                id = _id, outcome = "列入改革清单", reformItem = new
                {
                    title = "夜间施工审批与执法联动",
                    problem = "住建审批夜间施工许可，执法局无法及时核查", departmentCodes = new[] { "housing", "enforcement" }, needsRuleChange = true, evidence = "协商：居民反映许可证与实际不符"
                }
            }
        }))["closeConsultation"]!["consultation"]!;
        Assert.NotNull(closed["reformItemId"]);
        var list = await host.OkAsync("{ reformList { id title consultationId departments { code } } }");
        Assert.Equal(closed["reformItemId"]!.GetValue<string>(), list["reformList"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("ILLEGAL_TRANSITION", await host.ErrorCodeAsync(Close, new { input = new { id = _id, outcome = "again" } }));
        Assert.Equal("ILLEGAL_TRANSITION", await host.ErrorCodeAsync(Post, new { input = new { consultationId = _id, participantId = _resident, body = "还有吗" } }));
    }

    [Fact]
    public async Task Unknown_ids_are_not_found_and_change_nothing()
    {
        var proposal = await ProposeAsync();
        var other = await StartAsync(host);
        var stranger = await JoinAsync(host, other, "外人", "CPPCC_MEMBER");
        var before = (await host.CountAsync("consultation_posts"), await host.CountAsync("proposal_votes"), await host.CountAsync("consultation_participants"));
        Assert.Equal("NOT_FOUND", await host.ErrorCodeAsync(Post, new { input = new { consultationId = _id, participantId = stranger, body = "我来说两句" } }));
        Assert.Equal("NOT_FOUND", await host.ErrorCodeAsync(Support, new { input = new { proposalId = proposal, participantId = stranger } }));
        Assert.Equal("NOT_FOUND", await host.ErrorCodeAsync(Join, new { input = new { consultationId = "Q29uc3VsdGF0aW9uOjk5OQ==", name = "x", role = "RESIDENT" } }));
        Assert.Equal("NOT_FOUND", await host.ErrorCodeAsync("mutation($input: StartConsultationInput!) { startConsultation(input: $input) { consultation { id } errors { __typename ... on Error { code message } } } }",
            new { input = new { title = "t", needId = "TmVlZDo5OTk5" } }));
        Assert.Equal(before, (await host.CountAsync("consultation_posts"), await host.CountAsync("proposal_votes"), await host.CountAsync("consultation_participants")));
    }
}
