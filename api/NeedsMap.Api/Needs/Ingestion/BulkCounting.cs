namespace NeedsMap.Api.Needs.Ingestion;

/// <summary>
/// Marks the counting of a bulk file (<c>ingest</c>) on the current async flow, so a write hook may leave out of those
/// batches what does not make the map current (the masked-text search index) and let an <see cref="INeedCatchUp"/> do it
/// once the counts are in. Everything else counts exactly as a delivery does.
/// </summary>
public static class BulkCounting
{
    private static readonly AsyncLocal<bool> Active = new();

    /// <summary>True while a bulk file's changes are being counted on this flow.</summary>
    public static bool IsActive => Active.Value;

    /// <summary>Marks this flow as counting a bulk file until the handle is disposed.</summary>
    public static IDisposable Begin()
    {
        var outer = Active.Value;
        Active.Value = true;
        return new Scope(outer);
    }

    private sealed class Scope(bool outer) : IDisposable
    {
        public void Dispose() => Active.Value = outer;
    }
}

/// <summary>Work a write hook deferred from bulk counting (<see cref="BulkCounting"/>), done after it; returns how many needs it did.</summary>
public interface INeedCatchUp
{
    Task<int> CatchUpAsync(CancellationToken cancellationToken);
}
