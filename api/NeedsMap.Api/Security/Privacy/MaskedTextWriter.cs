using NeedsMap.Api.Needs.Ingestion;
using Npgsql;

namespace NeedsMap.Api.Security.Privacy;

/// <summary>
/// Masks every stored or revised need's text with the derived tables, in the same transaction as its counts: a need
/// that counts anywhere can be found by its masked text, and a revision's new text replaces the old one.
/// </summary>
public sealed class MaskedTextWriter : INeedWriteHook
{
    public Task OnStoredAsync(NpgsqlConnection connection, IReadOnlyList<StoredNeedChange> changes, CancellationToken cancellationToken) =>
        MaskedTexts.WriteAsync(connection, changes.Select(c => c.NeedId), overwriteSameVersion: true, cancellationToken);
}
