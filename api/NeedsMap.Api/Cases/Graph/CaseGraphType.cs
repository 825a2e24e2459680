using GraphQL;
using NeedsMap.Api.Graph.Batching;
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
        // Taken from the needs the caller may see (CaseReader.Seen), so a case that reaches outside the caller's area tells
        // nothing of the needs out there.
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("openedAt").Description("When its earliest need you may see was received.")
            .Resolve(ctx => ctx.Service<CaseReader>().Seen(ctx.Source).Then(c => c.OpenedAt));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("lastReceivedAt").Description("When its latest need you may see was received.")
            .Resolve(ctx => ctx.Service<CaseReader>().Seen(ctx.Source).Then(c => c.LastReceivedAt));
        Field<NonNullGraphType<IntGraphType>>("needCount").Description("Its records you may see, all channels.")
            .Resolve(ctx => ctx.Service<CaseReader>().Seen(ctx.Source).Then(c => c.NeedCount));
        Field<NonNullGraphType<JurisdictionGraphType>>("jurisdiction").Description("Where its earliest need you may see lies.")
            .Resolve(ctx => ctx.Service<CaseReader>().Seen(ctx.Source).Then(c => ctx.Service<ReferenceData>().Current.FindJurisdiction(c.JurisdictionCode)));
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
