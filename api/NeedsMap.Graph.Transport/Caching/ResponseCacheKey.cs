using System.Text;
using GraphQL.Transport;

namespace NeedsMap.Graph.Transport.Caching;

/// <summary>
/// The identity of a cacheable request: the caller's partition, the response media type, the operation name, the document
/// (text or id), and the variables and extensions in canonical form. Each part is length-prefixed, so none can run into the next.
/// </summary>
internal static class ResponseCacheKey
{
    /// <summary>Null when the inputs hold a value that has no canonical form.</summary>
    public static string? For(string partition, string mediaType, GraphQLRequest request)
    {
        var key = new StringBuilder(partition.Length + (request.Query?.Length ?? 0) + 128);
        Part(partition);
        Part(mediaType);
        Part(request.OperationName);
        Part(request.Query);
        Part(request.DocumentId);
        foreach (var inputs in (IEnumerable<object?>)[request.Variables, request.Extensions])
        {
            var text = new StringBuilder();
            if (!CanonicalInputs.TryWrite(inputs, text))
                return null;
            Part(text.ToString());
        }
        return key.ToString();

        void Part(string? value)
        {
            if (value is null)
                key.Append('-');
            else
                key.Append(value.Length).Append(':').Append(value);
        }
    }
}
