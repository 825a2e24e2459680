using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Categories;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Jurisdictions;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Cases.Graph;

public sealed class CaseGraphType : ObjectGraphType<Case>
{
    public CaseGraphType()
    {
        Name = CaseReader.TypeName;
        Description = "Near-duplicate needs linked as one complaint (件): same place, same top category, similar words, within days, any channel. 同一诉求合并为一件。";
        Interface<NodeInterfaceGraphType>();
        IsTypeOf = o => o is Case;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => GlobalId.Encode(CaseReader.TypeName, ctx.Source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Field<NonNullGraphType<CategoryGraphType>>("category").Description("The top-level category its needs share.")
            .Resolve(ctx => ctx.Service<ReferenceData>().Current.FindCategory(ctx.Source.CategoryCode));
        Field(c => c.OpenedAt).Description("When its earliest need was received.");
        Field(c => c.LastReceivedAt).Description("When its latest need was received.");
        Field(c => c.NeedCount).Description("Records linked into it, all channels (some may lie outside what you may see).");
        Field<NonNullGraphType<JurisdictionGraphType>>("jurisdiction").Description("Where the need that opened it lies.")
            .Resolve(ctx => ctx.Service<ReferenceData>().Current.FindJurisdiction(ctx.Source.JurisdictionCode));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NeedGraphType>>>>("needs").Description("Its needs you may see, oldest first.")
            .Resolve(ctx => ctx.Service<CaseReader>().Needs(ctx.Source.Id));
    }
}

internal sealed class CaseQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query) =>
        query.Field<CaseGraphType>("case")
            .Description("A case by id; null when none of its needs lies within what you may see. 按编号查询一件诉求。")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => GlobalId.TryDecodeLong(ctx.GetArgument<string>("id"), CaseReader.TypeName, out var id)
                ? await ctx.Service<CaseReader>().FindAsync(id, ctx.CancellationToken)
                : throw new DomainException(ErrorCodes.InvalidId, "Not a case id."));
}
