using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Security.Auth;
using Npgsql;

namespace NeedsMap.Api.MaskedSearch;

/// <summary>
/// Masks every stored or revised need's text with the derived tables, in the same transaction as its counts: a need
/// that counts anywhere can be found by its masked text, and a revision's new text replaces the old one.
/// A bulk file's batches (<see cref="BulkCounting"/>) are not masked here: jieba's tagger over every text was 40 % of
/// counting a file, for an index only masked roles' <c>textContains</c> reads. Their revised needs lose their old masked
/// text here instead, and <see cref="MaskedTextIndexer"/> masks the file once it is counted. Until then a masked role's
/// search misses those needs, which hides rather than shows; what any role is shown is masked when shown
/// (<see cref="AccessScope.Mask"/>), so nothing unmasked is ever read from this table.
/// </summary>
public sealed class MaskedTextWriter : INeedWriteHook
{
    public Task OnStoredAsync(NpgsqlConnection connection, IReadOnlyList<StoredNeedChange> changes, CancellationToken cancellationToken) =>
        BulkCounting.IsActive
            ? MaskedTexts.ForgetAsync(connection, changes.Where(c => c.Before is not null).Select(c => c.NeedId), cancellationToken)
            : MaskedTexts.WriteAsync(connection, changes.Select(c => c.NeedId), overwriteSameVersion: true, cancellationToken);
}
