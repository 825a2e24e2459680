using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using GraphQL.PersistedDocuments;

namespace NeedsMap.Api.Security.Auth;

/// <summary>
/// Known documents from a folder (<c>NeedsMap:PersistedDocuments:Folder</c>, every <c>*.graphql</c> file), addressed
/// as <c>sha256:&lt;hex of the file's UTF-8 text&gt;</c>. With <c>NeedsMap:PersistedDocuments:Only</c> nothing else runs.
/// </summary>
public sealed class PersistedDocumentFolder : IPersistedDocumentLoader
{
    private readonly ConcurrentDictionary<string, string> _documents = new(StringComparer.OrdinalIgnoreCase);

    public PersistedDocumentFolder(IConfiguration configuration, IHostEnvironment environment)
    {
        var folder = configuration["NeedsMap:PersistedDocuments:Folder"];
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }
        var path = Path.IsPathRooted(folder) ? folder : Path.Combine(environment.ContentRootPath, folder);
        foreach (var file in Directory.Exists(path) ? Directory.EnumerateFiles(path, "*.graphql") : [])
        {
            var text = File.ReadAllText(file);
            _documents[HashOf(text)] = text;
        }
    }

    public static string HashOf(string document) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document))).ToLowerInvariant();

    public ValueTask<string?> GetQueryAsync(string? documentIdPrefix, string documentIdPayload, CancellationToken cancellationToken) =>
        ValueTask.FromResult(documentIdPrefix == "sha256" && _documents.TryGetValue(documentIdPayload, out var text) ? text : null);
}
