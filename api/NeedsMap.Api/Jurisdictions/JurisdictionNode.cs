using GraphQL;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Jurisdictions;

/// <summary>A jurisdiction by its global id: reference data every role may read.</summary>
internal sealed class JurisdictionNode : INodeType
{
    public string TypeName => JurisdictionGraphType.TypeName;

    public string Door => "jurisdiction";

    public Task<object?> FindAsync(string key, IResolveFieldContext context) =>
        Task.FromResult<object?>(context.Service<ReferenceData>().Current.FindJurisdiction(key));
}
