using System.Globalization;
using NeedsMap.Sdk;

namespace NeedsMap.Channels.Open311;

/// <summary>
/// An <see cref="Open311Fetch"/> that calls a GeoReport v2 endpoint: <c>GET {endpoint}/requests.json</c> with
/// <c>updated_after</c> and <c>page_size</c>, the extensions most GeoReport servers add to the standard (Chicago's
/// among them) so a client can follow changes. The endpoint must answer oldest update first.
/// </summary>
public static class Open311Http
{
    // One client for the plugin's lifetime: sockets are pooled, and a hung endpoint is cut off by the host's time limit.
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The fetch for the endpoint whose base address (ending before <c>requests.json</c>) is <paramref name="endpoint"/>.</summary>
    public static Open311Fetch For(Uri endpoint) => async (query, cancellationToken) =>
    {
        var url = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/requests.json?page_size="
            + query.PageSize.ToString(CultureInfo.InvariantCulture)
            + (query.UpdatedAfter is { } after ? "&updated_after=" + Uri.EscapeDataString(after.ToString("O", CultureInfo.InvariantCulture)) : ""));
        using var response = await Client.GetAsync(url, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new ChannelPayload(content, response.Content.Headers.ContentType?.ToString() ?? "application/json", url.GetLeftPart(UriPartial.Path));
    };
}
