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
        ("PageInfo", "Relay paging state of a connection. 分页信息。"),
        ("PageInfo.endCursor", "The cursor of the last edge of this page; pass it as `after` for the next page. Null on an empty page."),
        ("PageInfo.hasNextPage", "Whether more edges follow this page."),
        ("PageInfo.hasPreviousPage", "Whether edges precede this page."),
        ("PageInfo.startCursor", "The cursor of the first edge of this page; pass it as `before` for the previous page. Null on an empty page."),
        ("NeedConnection.edges", "The page's needs with their cursors."),
        ("NeedConnection.pageInfo", "Where this page lies in the whole list."),
        ("NeedEdge", "One need of a page with its cursor."),
        ("NeedEdge.cursor", "An opaque position: pass it as `after` or `before`."),
        ("NeedEdge.node", "The need."),
        ("ReviewItemConnection.edges", "The page's review items with their cursors."),
        ("ReviewItemConnection.pageInfo", "Where this page lies in the whole queue."),
        ("ReviewItemEdge", "One review item of a page with its cursor."),
        ("ReviewItemEdge.cursor", "An opaque position: pass it as `after` or `before`."),
        ("ReviewItemEdge.node", "The review item."),
    ];
}
