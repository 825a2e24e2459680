using System.Text.Json.Nodes;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Loop;

/// <summary>The consultation of the story: people join in their roles, find the source, propose sensors, support it, close.</summary>
internal static class ConsultationStory
{
    public const string Join = "mutation($input: JoinConsultationInput!) { joinConsultation(input: $input) { participant { id role } errors { __typename ... on Error { code message } } } }";
    public const string Post = "mutation($input: PostInput!) { postToConsultation(input: $input) { post { id body hidden } errors { __typename ... on Error { code message } } } }";
    public const string Propose = "mutation($input: ProposeInput!) { propose(input: $input) { proposal { id supported supportCount } errors { __typename ... on Error { code message } } } }";
    public const string Support = "mutation($input: SupportProposalInput!) { supportProposal(input: $input) { proposal { id supported supportCount } errors { __typename ... on Error { code message } } } }";
    public const string Close = """
        mutation($input: CloseConsultationInput!) { closeConsultation(input: $input) { consultation { id status outcome sceneId whistleId reformItemId } errors { __typename ... on Error { code message } } } }
        """;

    public static async Task<string> StartAsync(LoopHost host, int threshold = 3) =>
        (await host.OkAsync("mutation($input: StartConsultationInput!) { startConsultation(input: $input) { consultation { id } errors { __typename ... on Error { code message } } } }", new
        {
            input = new { title = "鸡鸣山夜间施工噪声怎么办", categoryCode = "noise.construction", jurisdictionCode = TestNeeds.Jimingshan, supportThreshold = threshold },
        }))["startConsultation"]!["consultation"]!["id"]!.GetValue<string>();

    public static async Task<string> JoinAsync(LoopHost host, string consultationId, string name, string role) =>
        (await host.OkAsync(Join, new { input = new { consultationId, name, role } }))["joinConsultation"]!["participant"]!["id"]!.GetValue<string>();

    public static async Task<JsonNode> RunAsync(LoopHost host, JsonNode area)
    {
        var id = await StartAsync(host);
        var official = await JoinAsync(host, id, "王书记", "OFFICIAL");
        var member = await JoinAsync(host, id, "李党员", "PARTY_MEMBER");
        var deputy = await JoinAsync(host, id, "陈代表", "PEOPLES_DEPUTY");
        var resident = await JoinAsync(host, id, "张阿姨", "RESIDENT");
        var complaint = (await host.OkAsync(Post, new { input = new { consultationId = id, participantId = resident, body = "每晚十一点后工地还在打桩" } }))["postToConsultation"]!["post"]!["id"]!.GetValue<string>();
        await host.OkAsync(Post, new { input = new { consultationId = id, participantId = official, replyToId = complaint, body = "查明是鸡鸣山路地块工地夜间违规施工" } });
        var proposal = (await host.OkAsync(Propose, new { input = new { consultationId = id, participantId = deputy, text = "工地周边装噪声传感器，夜间超标自动告警执法" } }))["propose"]!["proposal"]!["id"]!.GetValue<string>();
        foreach (var voter in new[] { resident, member, deputy })
        {
            await host.OkAsync(Support, new { input = new { proposalId = proposal, participantId = voter } });
        }
        var closed = await host.OkAsync(Close, new
        {
            input = new
            {
                id, outcome = "安装噪声传感器，超标即由综合执法局处置",
                scene = new { name = "鸡鸣山噪声传感器", area, categoryCodes = new[] { "noise" } },
                whistle = new { blownBy = TestNeeds.Jimingshan, categoryCode = "noise.construction", jurisdictionCode = TestNeeds.Jimingshan, departmentCodes = new[] { "enforcement", "housing" } },
            },
        });
        return closed["closeConsultation"]!["consultation"]!;
    }
}
