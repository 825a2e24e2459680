using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Common.Events;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Loop.Dispatch.Graph;

internal sealed class WhistleSubscriptions : ISubscriptionFields
{
    public void AddTo(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<WhistleGraphType>, Whistle>("whistleChanged")
            .Description("Whistles as they change, from every server: to a department, and/or about or held in a jurisdiction's subtree. "
                + "Give at least one. Errors: INVALID_INPUT, UNKNOWN_DEPARTMENT, UNKNOWN_JURISDICTION.")
            .Argument<StringGraphType>("departmentCode")
            .Argument<StringGraphType>("jurisdictionCode")
            .ResolveStream(ctx =>
            {
                var department = ctx.GetArgument<string?>("departmentCode");
                var code = ctx.GetArgument<string?>("jurisdictionCode");
                if (department is null && code is null)
                {
                    throw new DomainException(ErrorCodes.InvalidInput, "Give departmentCode, jurisdictionCode or both.");
                }
                if (department is not null)
                {
                    ctx.Service<DepartmentDirectory>().Require(department);
                }
                var scope = ctx.Service<Security.Auth.AccessScope>();
                WhistleScope.EnsureMayRead(scope, department);
                // Compiled now, from the caller's values: each event is checked without this setup's (ended) service scope.
                var visible = WhistleScope.Of(scope).Compile();
                var path = code is null ? null : (ctx.Service<ReferenceData>().Current.FindJurisdiction(code)
                    ?? throw new DomainException(ErrorCodes.UnknownJurisdiction, $"No jurisdiction has the code \"{code}\".")).Path;
                ctx.Service<Security.Auth.AccessScope>().EnsureMayWatch(path);
                return ctx.Service<Hub<Whistle>>().Where(w => visible(w)
                    && (department is null || w.Departments.Any(d => d.DepartmentCode == department))
                    && (path is null || w.SubjectJurisdictionPath.StartsWith(path, StringComparison.Ordinal) || w.HolderCode == code));
            });
}
