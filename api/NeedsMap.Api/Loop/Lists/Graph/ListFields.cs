using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Loop.Shared;

namespace NeedsMap.Api.Loop.Lists.Graph;

internal sealed class ListQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReformItemGraphType>>>>("reformList")
            .Description("The reform list (改革清单), newest first.")
            .DeprecationReason("Use reformListConnection: the same items a page at a time, with totalCount.")
            .ResolveAsync(async ctx => await ctx.Service<NeedsMapDbContext>().Set<ReformItem>().AsNoTracking()
                .OrderByDescending(r => r.AddedAt).ThenByDescending(r => r.Id).ToListAsync(ctx.CancellationToken));
        query.Field<NonNullGraphType<ConnectionGraphType<ReformItemGraphType, ReformItem>>>("reformListConnection")
            .Description("The reform list (改革清单), newest added first, a page at a time.")
            .PagingArguments()
            .ResolveAsync(async ctx => await IdKeysetPaging.PageAsync(ctx.Service<NeedsMapDbContext>().Set<ReformItem>().AsNoTracking(), r => r.Id,
                ctx.Page(), ctx.CancellationToken));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<OneThingGraphType>>>>("oneThings")
            .Description("The one-thing bundles (一件事).")
            .DeprecationReason("Use oneThingsConnection: the same bundles a page at a time, with totalCount.")
            .ResolveAsync(async ctx => await ctx.Service<NeedsMapDbContext>().Set<OneThing>().AsNoTracking()
                .OrderBy(o => o.Id).ToListAsync(ctx.CancellationToken));
        query.Field<NonNullGraphType<ConnectionGraphType<OneThingGraphType, OneThing>>>("oneThingsConnection")
            .Description("The one-thing bundles (一件事), newest first, a page at a time.")
            .PagingArguments()
            .ResolveAsync(async ctx => await IdKeysetPaging.PageAsync(ctx.Service<NeedsMapDbContext>().Set<OneThing>().AsNoTracking(), o => o.Id,
                ctx.Page(), ctx.CancellationToken));
    }
}

internal sealed class ListMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.Mutation<ReformItemInputGraphType, ReformItemGraphType, ReformItemInput>("addReformItem",
            "Adds a problem to the reform list. Errors: UNKNOWN_DEPARTMENT, NOT_FOUND (evidence needs), INVALID_INPUT.",
            new("reformItem", "the reform item added"),
            async (ctx, input) => await ctx.Service<ReformList>().AddAsync(input, ctx.CancellationToken));
        mutation.Mutation<OneThingInputGraphType, OneThingGraphType, OneThingInput>("createOneThing",
            "Joins services into one thing (一件事). Errors: NOT_FOUND, INVALID_INPUT.",
            new("oneThing", "the one thing created"),
            async (ctx, input) => await ctx.Service<ReformList>().CreateOneThingAsync(input, ctx.CancellationToken));
    }
}
