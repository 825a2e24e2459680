using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Jurisdictions;

internal sealed class JurisdictionQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<JurisdictionGraphType>>>>("jurisdictions")
            .Description("The children of a jurisdiction, or the top level (the city) when parentCode is omitted.")
            .Argument<StringGraphType>("parentCode")
            .Resolve(ctx =>
            {
                var snapshot = ctx.Service<ReferenceData>().Current;
                var parent = ctx.GetArgument<string?>("parentCode");
                if (parent is not null && snapshot.FindJurisdiction(parent) is null)
                {
                    throw new DomainException(ErrorCodes.UnknownJurisdiction, $"No jurisdiction has the code \"{parent}\".");
                }
                return snapshot.ChildrenOf(parent);
            });
        query.Field<JurisdictionGraphType>("jurisdiction")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .Resolve(ctx => ctx.Service<ReferenceData>().Current.FindJurisdiction(ctx.GetArgument<string>("code")));
    }
}
