using System.Security.Cryptography;
using System.Text;
using GraphQL.PersistedDocuments;

namespace NeedsMap.Graph.Transport.Tests.TestSchema;

/// <summary>A persisted-document store holding two documents, addressed as the spec says: sha256:&lt;hex&gt;.</summary>
public sealed class TestPersistedDocuments : IPersistedDocumentLoader
{
    public const string Document = "{ hello }";
    public const string CachedDocument = "{ cachedGreeting }";

    public static string DocumentId { get; } = IdOf(Document);

    public static string CachedDocumentId { get; } = IdOf(CachedDocument);

    public ValueTask<string?> GetQueryAsync(string? documentIdPrefix, string documentIdPayload, CancellationToken cancellationToken)
        => ValueTask.FromResult(("sha256:" + documentIdPayload) switch
        {
            var id when id == DocumentId => Document,
            var id when id == CachedDocumentId => CachedDocument,
            _ => null,
        });

    private static string IdOf(string document) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
}
