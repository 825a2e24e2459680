using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;

namespace NeedsMap.Api.Loop.Dispatch.Graph;

internal sealed class DispatchQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DepartmentGraphType>>>>("departments")
            .Description("The city's departments (职能部门).")
            .Resolve(ctx => ctx.Service<DepartmentDirectory>().All);
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServiceItemGraphType>>>>("serviceList")
            .Description("The service list (服务清单), optionally for one category.")
            .DeprecationReason("Use serviceListConnection: the same services a page at a time, with totalCount.")
            .Argument<StringGraphType>("categoryCode")
            .ResolveAsync(async ctx => await ctx.Service<ServiceList>().ListAsync(ctx.GetArgument<string?>("categoryCode"), ctx.CancellationToken));
        query.Field<NonNullGraphType<ConnectionGraphType<ServiceItemGraphType, ServiceItem>>>("serviceListConnection")
            .Description("The service list (服务清单), newest added first, a page at a time; optionally for one category. The list is the city's, the same for every role that may read it.")
            .Argument<StringGraphType>("categoryCode", "Only the services of this category (exactly, not its children); all when left out.")
            .PagingArguments()
            .ResolveAsync(async ctx => await ctx.Service<ServiceList>().PageAsync(ctx.GetArgument<string?>("categoryCode"), ctx.Page(), ctx.CancellationToken));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WhistleGraphType>>>>("whistles")
            .Description("Whistles, newest first (at most 500): to a department, about or held in a jurisdiction's subtree, in a status.")
            .DeprecationReason("Use whistlesConnection: the same whistles a page at a time, with totalCount.")
            .Argument<StringGraphType>("departmentCode")
            .Argument<StringGraphType>("jurisdictionCode")
            .Argument<WhistleStatusGraphType>("status")
            .ResolveAsync(async ctx =>
            {
                var scope = ctx.Service<Security.Auth.AccessScope>();
                var department = ctx.GetArgument<string?>("departmentCode");
                WhistleScope.EnsureMayRead(scope, department);
                return await ctx.Service<WhistleReader>().ListAsync(department, ctx.GetArgument<string?>("jurisdictionCode"),
                    ctx.GetArgument<WhistleStatus?>("status"), WhistleScope.Of(scope), ctx.CancellationToken);
            });
        query.Field<NonNullGraphType<ConnectionGraphType<WhistleGraphType, Whistle>>>("whistlesConnection")
            .Description("Whistles, newest blown first, a page at a time: to a department, about or held in a jurisdiction's subtree, in a status. 吹哨列表。")
            .Argument<StringGraphType>("departmentCode", "Only whistles calling this department (department staff: their own only).")
            .Argument<StringGraphType>("jurisdictionCode", "Only whistles about or held in this jurisdiction's subtree.")
            .Argument<WhistleStatusGraphType>("status", "Only whistles in this status.")
            .PagingArguments()
            .ResolveAsync(async ctx =>
            {
                var scope = ctx.Service<Security.Auth.AccessScope>();
                var department = ctx.GetArgument<string?>("departmentCode");
                WhistleScope.EnsureMayRead(scope, department);
                return await ctx.Service<WhistleReader>().PageAsync(department, ctx.GetArgument<string?>("jurisdictionCode"),
                    ctx.GetArgument<WhistleStatus?>("status"), WhistleScope.Of(scope), ctx.Page(), ctx.CancellationToken);
            });
        query.Field<WhistleGraphType>("whistle")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => GlobalId.TryDecodeLong(ctx.GetArgument<string>("id"), WhistleReader.TypeName, out var id)
                ? await ctx.Service<WhistleReader>().FindAsync(id, WhistleScope.Of(ctx.Service<Security.Auth.AccessScope>()), ctx.CancellationToken)
                : null);
    }
}
