using Microsoft.Net.Http.Headers;

namespace NeedsMap.Api.Web;

/// <summary>
/// Whether a GET on the GraphQL path comes from a person's browser: Accept ranks text/html above every JSON type
/// and there is no query to run. Anything else stays a GraphQL-over-HTTP request.
/// </summary>
internal static class BrowserAccept
{
    public static bool WantsGraphiQL(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) || request.Query.ContainsKey("query") || request.HttpContext.WebSockets.IsWebSocketRequest)
            return false;
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var ranges) || ranges.Count == 0)
            return false;
        var html = QualityOf(ranges, "text", "html", exactOnly: true);
        if (html <= 0)
            return false;
        return html > QualityOf(ranges, "application", "json", exactOnly: false)
            && html > QualityOf(ranges, "application", "graphql-response+json", exactOnly: false);
    }

    private static double QualityOf(IList<MediaTypeHeaderValue> ranges, string type, string subType, bool exactOnly)
    {
        double quality = 0;
        foreach (var range in ranges)
        {
            var exact = range.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && range.SubType.Equals(subType, StringComparison.OrdinalIgnoreCase);
            // A browser's */*;q=0.8 does not make JSON as welcome as the HTML it asked for first; a named JSON type does.
            var partial = !exactOnly && range.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && range.SubType.Equals("*", StringComparison.Ordinal);
            if (exact || partial)
                quality = Math.Max(quality, range.Quality ?? 1d);
        }
        return quality;
    }
}
