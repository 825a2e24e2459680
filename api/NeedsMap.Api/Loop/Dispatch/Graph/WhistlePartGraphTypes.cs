using GraphQL.Types;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Loop.Dispatch.Graph;

public sealed class WhistleDepartmentGraphType : ObjectGraphType<WhistleDepartment>
{
    public WhistleDepartmentGraphType()
    {
        Name = "WhistleDepartment";
        Description = "A department a whistle called, and when it reported (报到).";
        Field<NonNullGraphType<DepartmentGraphType>>("department").Resolve(ctx => ctx.Service<DepartmentDirectory>().Find(ctx.Source.DepartmentCode));
        Field(d => d.AcknowledgedAt, nullable: true);
    }
}

public sealed class WhistleHistoryEntryGraphType : ObjectGraphType<WhistleHistoryEntry>
{
    public WhistleHistoryEntryGraphType()
    {
        Name = "WhistleHistoryEntry";
        Description = "One change of a whistle: who, when, what, and a note.";
        Field(h => h.At);
        Field(h => h.Actor);
        Field<DepartmentGraphType>("department").Resolve(ctx =>
            ctx.Source.DepartmentCode is { } c ? ctx.Service<DepartmentDirectory>().Find(c) : null);
        Field(h => h.Kind).Description("blown, acknowledged, progress, resolved, rated, reopened or escalated.");
        Field<WhistleStatusGraphType>("fromStatus").Resolve(ctx => ctx.Source.FromStatus);
        Field<WhistleStatusGraphType>("toStatus").Resolve(ctx => ctx.Source.ToStatus);
        Field<StringGraphType>("note").Resolve(ctx => ctx.Service<Security.Auth.AccessScope>().Mask(ctx.Source.Note));
    }
}
