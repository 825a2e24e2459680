namespace NeedsMap.Api.Graph.Relay;

/// <summary>
/// The largest page this request's caller may ask for. Declared in the relay toolkit and implemented above it (by
/// Security's <c>AccessScope</c>, per role), so that paging needs no security and Graph depends on no feature.
/// </summary>
public interface IPageSizeLimit
{
    int MaxPageSize { get; }
}
