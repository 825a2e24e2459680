namespace NeedsMap.Api.Tests.Security;

/// <summary>
/// A minimal valid operation for every root field, keyed "query.name", "mutation.name", "subscription.name".
/// Placeholders: {own} and {foreign} need ids, {lon}/{lat} a point in the target jurisdiction.
/// A root field without an entry fails <see cref="AuthorizationMatrixTests.Every_root_field_has_a_sample_operation"/>:
/// add one line here when you add a field, and the whole matrix covers it.
/// </summary>
internal static class SampleOperations
{
    public static readonly Dictionary<string, string> All = new(StringComparer.Ordinal)
    {
        ["query.node"] = """{ node(id: "{foreign}") { id ... on Need { text } } }""",
        ["query.need"] = """{ need(id: "{foreign}") { id text } }""",
        ["query.needs"] = """{ needs(first: 50) { totalCount edges { node { id text jurisdiction { code } } } } }""",
        ["query.needStats"] = """{ needStats(groupBy: JURISDICTION, jurisdictionLevel: STREET) { totalCount groups { key count } } }""",
        ["query.jurisdiction"] = """{ jurisdiction(code: "330782002") { code name } }""",
        ["query.jurisdictions"] = """{ jurisdictions { code } }""",
        ["query.categories"] = """{ categories { code } }""",
        ["query.category"] = """{ category(code: "noise") { code } }""",
        ["query.channels"] = """{ channels { code } }""",
        ["query.channel"] = """{ channel(code: "12345") { code } }""",
        ["query.rejectedRecords"] = """{ rejectedRecords(first: 10) { id reasonCode } }""",
        ["query.channelPlugins"] = """{ channelPlugins { name state } }""",
        ["mutation.replayRejected"] = """mutation { replayRejected(ids: []) { id state } }""",
        ["query.auditLog"] = """{ auditLog(first: 10) { actor needId fields } }""",
        ["mutation.submitNeed"] = """mutation { submitNeed(input: { text: "矩阵测试 13812345678", location: { type: "Point", coordinates: [{lon}, {lat}] }, categoryCode: "noise" }) { id text } }""",
        ["subscription.needChanged"] = """subscription { needChanged { kind need { id text } } }""",
    };
}
