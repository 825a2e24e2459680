using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Graph;

namespace NeedsMap.Api.Cases.Graph;

/// <summary>A need's <c>case</c>, added to Needs' type from here (<see cref="INeedFields"/>): Cases reads needs, not the reverse.</summary>
internal sealed class NeedCaseField : INeedFields
{
    public void AddTo(NeedGraphType need) =>
        need.Field<CaseGraphType>("case")
            .Description("The case (件) this need was linked into with its near-duplicates from any channel; null while it stands alone. 所属案件。")
            .Resolve(ctx => ctx.Service<CaseReader>().OfNeed(ctx.Source.Id));
}
