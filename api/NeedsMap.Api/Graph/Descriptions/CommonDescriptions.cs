namespace NeedsMap.Api.Graph.Descriptions;

/// <summary>The roots, Relay's paging types and the scalars.</summary>
internal static class CommonDescriptions
{
    public static readonly (string Key, string Text)[] Entries =
    [
        ("Query", "Reading: needs, the demand weather, key matters, warnings, the loop (whistles, scenes, consultations) and reference data. 查询。"),
        ("Mutation", "Writing: submitting needs, blowing and answering whistles, scenes, consultations, lists and administration. 变更。"),
        ("Subscription", "Live events over graphql-transport-ws, each scoped like the matching query. 订阅。"),
        ("Long", "A 64-bit integer (counts that can exceed 2^31)."),
    ];
}
