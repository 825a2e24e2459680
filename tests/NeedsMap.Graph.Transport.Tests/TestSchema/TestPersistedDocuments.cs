using System.Security.Cryptography;
using System.Text;
using GraphQL.PersistedDocuments;

namespace NeedsMap.Graph.Transport.Tests.TestSchema;

/// <summary>A persisted-document store holding one document, addressed as the spec says: sha256:&lt;hex&gt;.</summary>
public sealed class TestPersistedDocuments : IPersistedDocumentLoader
{
    public const string Document = "{ hello }";

    public static string DocumentId { get; } = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Document)));

    public ValueTask<string?> GetQueryAsync(string? documentIdPrefix, string documentIdPayload, CancellationToken cancellationToken)
        => ValueTask.FromResult("sha256:" + documentIdPayload == DocumentId ? Document : null);
}
