using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Sdk;

namespace NeedsMap.Api.Channels.Inbox;

/// <summary>
/// <c>POST /channels/{code}/inbox</c>: a channel pushes its native payload (one record or a batch) and gets a receipt per
/// record (<see cref="ReceiveResult"/>). 401 without the channel's key, 404 for a channel no plugin serves, 415 for a
/// content type the plugin does not declare, 413 over the size limit, 400 for a <c>wait</c> other than <c>counted</c>, 429
/// over the channel's rate limit (<see cref="InboxRateLimit"/>). It answers once the delivery is stored and announced to
/// subscribers; the derived tables (cells, key matters, cases) count it right after, in the background. <c>?wait=counted</c>
/// answers only once they do, for a sender that reads them next.
/// </summary>
internal static class InboxEndpoint
{
    public const long MaxPayloadBytes = 32 * 1024 * 1024;

    public static IEndpointConventionBuilder MapChannelInbox(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/channels/{code}/inbox", async (string code, HttpContext http, ChannelKeys keys, ChannelPluginCatalog catalog,
            ChannelReceiver receiver) =>
        {
            // A channel nobody configured or serves is 404 before any key is asked for (codes are public: the channels query);
            // one with a key is asked for it first, so a wrong key learns nothing about its plugin.
            if (catalog.FindAdapter(code) is null && !keys.HasKey(code))
            {
                return Refused(StatusCodes.Status404NotFound, ErrorCodes.UnknownChannel, $"No channel plugin serves \"{code}\".");
            }
            if (!keys.IsValid(code, http.Request.Headers[ChannelKeys.Header]))
            {
                return Refused(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, "A valid X-Channel-Key for this channel is required.");
            }
            var wait = http.Request.Query["wait"];
            if (wait.Count > 0 && !(wait.Count == 1 && string.Equals(wait[0], "counted", StringComparison.OrdinalIgnoreCase)))
            {
                return Refused(StatusCodes.Status400BadRequest, ErrorCodes.InvalidInput, "wait takes one value: counted.");
            }
            if (catalog.FindDescriptor(code) is not { } descriptor)
            {
                return Refused(StatusCodes.Status404NotFound, ErrorCodes.UnknownChannel, $"No loaded plugin serves the channel \"{code}\".");
            }
            if (string.IsNullOrWhiteSpace(http.Request.ContentType) || !descriptor.Accepts(http.Request.ContentType))
            {
                return Refused(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                    $"The channel \"{code}\" takes {string.Join(", ", descriptor.AcceptedFormats)}.", descriptor.AcceptedFormats);
            }
            if (http.Request.ContentLength > MaxPayloadBytes)
            {
                return Refused(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"At most {MaxPayloadBytes} bytes per delivery.");
            }
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            if (buffer.Length > MaxPayloadBytes)
            {
                return Refused(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"At most {MaxPayloadBytes} bytes per delivery.");
            }
            try
            {
                var payload = new ChannelPayload(buffer.ToArray(), http.Request.ContentType, "inbox");
                var result = await receiver.ReceiveAsync(code, payload, $"channel:{code}", http.RequestAborted, awaitRollups: wait.Count > 0);
                return Results.Ok(result);
            }
            catch (DomainException ex) when (ex.Code == ErrorCodes.UnknownChannel)
            {
                return Refused(StatusCodes.Status404NotFound, ErrorCodes.UnknownChannel, ex.Message);
            }
        }).DisableAntiforgery();

    /// <summary>An RFC 7807 problem with the documented <c>code</c> beside its title, as every error of the API carries one.</summary>
    private static IResult Refused(int status, string code, string title, IReadOnlyList<string>? acceptedFormats = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (acceptedFormats is not null)
        {
            extensions["acceptedFormats"] = acceptedFormats;
        }
        return Results.Problem(statusCode: status, title: title, extensions: extensions);
    }
}
