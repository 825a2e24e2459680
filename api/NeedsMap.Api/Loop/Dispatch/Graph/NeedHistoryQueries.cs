using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Graph;

namespace NeedsMap.Api.Loop.Dispatch.Graph;

/// <summary><c>needHistory(id)</c>: a need's changes, oldest first, for a need the caller may see (else empty).</summary>
internal sealed class NeedHistoryQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<NeedHistoryEntryGraphType>>>>("needHistory")
            .Description("Every change of a need (created, revised, status moves by whistles): who, when, what, note.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                if (!GlobalId.TryDecodeLong(ctx.GetArgument<string>("id"), NeedGraphType.TypeName, out var id)
                    || await ctx.Service<NeedReader>().FindAsync(id, ctx.CancellationToken) is null)
                {
                    return new List<NeedHistoryEntry>();
                }
                return await ctx.Service<NeedsMapDbContext>().NeedHistory.AsNoTracking().Where(h => h.NeedId == id)
                    .OrderBy(h => h.At).ThenBy(h => h.Id).ToListAsync(ctx.CancellationToken);
            });
}

public sealed class NeedHistoryEntryGraphType : ObjectGraphType<NeedHistoryEntry>
{
    public NeedHistoryEntryGraphType()
    {
        Name = "NeedHistoryEntry";
        Description = "One change of a need: who, when, what, and a note.";
        Field(h => h.At);
        Field(h => h.Actor);
        Field(h => h.Kind).Description("created, revised, status, or note (an entry of the record's own history at its channel, e.g. an Open311 note).");
        Field<NeedStatusGraphType>("fromStatus").Resolve(ctx => ctx.Source.FromStatus);
        Field<NeedStatusGraphType>("toStatus").Resolve(ctx => ctx.Source.ToStatus);
        Field<StringGraphType>("note").Description("What the change says; masked like the need's text unless your role may see personal data.")
            .Resolve(ctx => ctx.Service<Security.Auth.AccessScope>().Mask(ctx.Source.Note));
    }
}
