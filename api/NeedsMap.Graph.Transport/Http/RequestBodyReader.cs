using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace NeedsMap.Graph.Transport.Http;

/// <summary>Reads a POST body into memory, refusing (null) as soon as it passes the limit.</summary>
internal static class RequestBodyReader
{
    public static async Task<ArrayBufferWriter<byte>?> ReadAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
            return null;

        // Kestrel's own limit (30 MB by default) must not cut in before ours, and ours is enforced below.
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
            sizeFeature.MaxRequestBodySize = null;

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(limit + 1, 16 * 1024));
        var body = context.Request.Body;
        while (true)
        {
            var read = await body.ReadAsync(buffer.GetMemory(4096), context.RequestAborted);
            if (read == 0)
                return buffer;
            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
                return null;
        }
    }
}
