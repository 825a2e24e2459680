using GraphQL.Types;
using NeedsMap.Api.Categories;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Jurisdictions;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Loop.Dispatch.Graph;

/// <summary>Resolves from the loaded whistle and singletons only, so it serves subscription events too.</summary>
public sealed class WhistleGraphType : ObjectGraphType<Whistle>
{
    public WhistleGraphType()
    {
        Name = WhistleReader.TypeName;
        Description = "社区吹哨、部门报到: a community or street calling departments to needs or a key matter.";
        Interface<NodeInterfaceGraphType>();
        IsTypeOf = o => o is Whistle;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => GlobalId.Encode(WhistleReader.TypeName, Invariant(ctx.Source.Id)));
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(ctx => ctx.Service<Security.Auth.AccessScope>().Mask(ctx.Source.Title));
        Field<NonNullGraphType<WhistleStatusGraphType>>("status").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<JurisdictionGraphType>>("blownBy").Resolve(ctx => Jurisdiction(ctx, ctx.Source.BlownByCode));
        Field<NonNullGraphType<JurisdictionGraphType>>("holder")
            .Description("Who answers for it now: the blower, or the level it escalated to.")
            .Resolve(ctx => Jurisdiction(ctx, ctx.Source.HolderCode));
        Field<NonNullGraphType<JurisdictionGraphType>>("subjectJurisdiction").Resolve(ctx => Jurisdiction(ctx, ctx.Source.SubjectJurisdictionCode));
        Field<CategoryGraphType>("category").Description("The key matter's category; null for a whistle about chosen needs.")
            .Resolve(ctx => ctx.Source.CategoryCode is { } c ? ctx.Service<ReferenceData>().Current.FindCategory(c) : null);
        Field(w => w.BlownAt);
        Field(w => w.DueAt);
        Field<NonNullGraphType<BooleanGraphType>>("overdue").Resolve(ctx =>
            ctx.Source.Status is not (WhistleStatus.Resolved or WhistleStatus.Closed) && ctx.Source.DueAt < ctx.Service<TimeProvider>().GetUtcNow());
        Field(w => w.EscalationCount);
        Field(w => w.ResolvedAt, nullable: true);
        Field(w => w.Rating, nullable: true).Description("The resident's rating of the answer, 1 to 5.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("needIds")
            .Resolve(ctx => ctx.Source.Needs.Select(n => GlobalId.Encode(NeedGraphType.TypeName, Invariant(n.NeedId))));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WhistleDepartmentGraphType>>>>("departments").Resolve(ctx => ctx.Source.Departments);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WhistleHistoryEntryGraphType>>>>("history")
            .Description("Every change, oldest first.").Resolve(ctx => ctx.Source.History.OrderBy(h => h.At).ThenBy(h => h.Id));
    }

    private static JurisdictionInfo? Jurisdiction(GraphQL.IResolveFieldContext ctx, string code) =>
        ctx.Service<ReferenceData>().Current.FindJurisdiction(code);

    private static string Invariant(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class WhistleStatusGraphType : EnumerationGraphType<WhistleStatus>
{
    public WhistleStatusGraphType()
    {
        Name = "WhistleStatus";
    }
}
