using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace NeedsMap.Api.Graph.Relay;

/// <summary>
/// A Relay connection over <typeparamref name="TNode"/>, named after its node's GraphQL type (e.g. NeedConnection), not
/// the C# class behind it (which named RejectedRecord's connection after QuarantinedRecord).
/// </summary>
public sealed class ConnectionGraphType<TNodeGraphType, TNode> : ObjectGraphType<Connection<TNode>>
    where TNodeGraphType : IGraphType, new()
{
    public ConnectionGraphType()
    {
        var nodeName = NodeName<TNodeGraphType>.Value;
        Name = nodeName + "Connection";
        Description = $"A page of {nodeName} items (Relay cursor connection).";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeGraphType<TNodeGraphType, TNode>>>>>("edges")
            .Description("The page's items with their cursors.")
            .Resolve(ctx => ctx.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeGraphType>>>>("nodes")
            .Description("The nodes of the edges, for clients that need no cursors.")
            .Resolve(ctx => ctx.Source.Nodes);
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Description("Where this page lies in the whole list.").Resolve(ctx => ctx.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>, int>("totalCount")
            .Description("How many items match in all pages; counted only when selected.")
            .ResolveAsync(async ctx => await ctx.Source.CountAsync(ctx.CancellationToken));
    }
}

public sealed class EdgeGraphType<TNodeGraphType, TNode> : ObjectGraphType<Edge<TNode>>
    where TNodeGraphType : IGraphType, new()
{
    public EdgeGraphType()
    {
        Name = NodeName<TNodeGraphType>.Value + "Edge";
        Description = $"One {NodeName<TNodeGraphType>.Value} of a page with its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("An opaque position: pass it as `after` or `before`.").Resolve(ctx => ctx.Source.Cursor);
        Field<NonNullGraphType<TNodeGraphType>>("node").Description("The item.").Resolve(ctx => ctx.Source.Node);
    }
}

/// <summary>The GraphQL name of a node type, read once from an instance.</summary>
internal static class NodeName<TNodeGraphType> where TNodeGraphType : IGraphType, new()
{
    public static readonly string Value = new TNodeGraphType().Name;
}

public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Description = "Relay paging state of a connection. 分页信息。";
        Field(p => p.HasNextPage).Description("Whether more items follow this page.");
        Field(p => p.HasPreviousPage).Description("Whether items precede this page.");
        Field(p => p.StartCursor, nullable: true).Description("The first item's cursor; pass it as `before` for the previous page. Null on an empty page.");
        Field(p => p.EndCursor, nullable: true).Description("The last item's cursor; pass it as `after` for the next page. Null on an empty page.");
    }
}

internal static class ConnectionArguments
{
    public static FieldBuilder<TSource, TReturn> PagingArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) => field
        .Argument<IntGraphType>("first", "Items after the cursor `after` (default 50, at most 500).")
        .Argument<StringGraphType>("after", "Start after this cursor (a page's endCursor).")
        .Argument<IntGraphType>("last", "Items before the cursor `before` (at most 500).")
        .Argument<StringGraphType>("before", "End before this cursor (a page's startCursor).");

    public static PageRequest Page(this IResolveFieldContext context) => PageRequest.From(
        context.GetArgument<int?>("first"), context.GetArgument<string?>("after"),
        context.GetArgument<int?>("last"), context.GetArgument<string?>("before"),
        context.Service<IPageSizeLimit>().MaxPageSize);
}
