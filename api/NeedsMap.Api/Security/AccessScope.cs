using NeedsMap.Api.Needs.Filtering;

namespace NeedsMap.Api.Security;

/// <summary>
/// What the caller of this request may see. Every reader of needs ANDs <see cref="NeedFilter"/> into its
/// query, so a field added later cannot forget it. Null means the whole city.
/// </summary>
public sealed class AccessScope
{
    public NeedFilter? NeedFilter { get; set; }

    public string Actor { get; set; } = "anonymous";

    /// <summary>The caller's filter narrowed to what the caller may see.</summary>
    public NeedFilter? Restrict(NeedFilter? filter) => NeedFilter is null ? filter : NeedFilter.AllOf(NeedFilter, filter);
}
