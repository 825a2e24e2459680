using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace NeedsMap.Graph.Transport.Http;

/// <summary>
/// Picks the response media type from <c>Accept</c>: <c>application/graphql-response+json</c> when the client
/// names it and does not prefer <c>application/json</c>; <c>application/json</c> for a missing header or bare
/// wildcards (the spec's legacy rule); null when neither is acceptable (406).
/// </summary>
internal static class AcceptNegotiator
{
    public static string? Negotiate(StringValues acceptHeaders)
    {
        if (StringValues.IsNullOrEmpty(acceptHeaders))
            return GraphQLMediaTypes.Json;
        if (!MediaTypeHeaderValue.TryParseList(acceptHeaders, out var ranges) || ranges.Count == 0)
            return GraphQLMediaTypes.Json;

        var (graphQLQuality, graphQLNamed) = QualityOf(ranges, "application", "graphql-response+json");
        var (jsonQuality, _) = QualityOf(ranges, "application", "json");

        if (graphQLNamed && graphQLQuality > 0 && graphQLQuality >= jsonQuality)
            return GraphQLMediaTypes.GraphQLResponse;
        if (jsonQuality > 0)
            return GraphQLMediaTypes.Json;
        return graphQLQuality > 0 ? GraphQLMediaTypes.GraphQLResponse : null;
    }

    /// <summary>The quality of the most specific range matching the type, and whether that range named it exactly.</summary>
    private static (double Quality, bool Named) QualityOf(IList<MediaTypeHeaderValue> ranges, string type, string subType)
    {
        var bestSpecificity = -1;
        var quality = 0d;
        foreach (var range in ranges)
        {
            var specificity = Specificity(range, type, subType);
            if (specificity <= bestSpecificity)
                continue;
            bestSpecificity = specificity;
            quality = range.Quality ?? 1d;
        }
        return (quality, bestSpecificity == 2);
    }

    private static int Specificity(MediaTypeHeaderValue range, string type, string subType)
    {
        var rangeType = range.Type.Value;
        var rangeSubType = range.SubType.Value;
        if (rangeType == "*" && rangeSubType == "*")
            return 0;
        if (!string.Equals(rangeType, type, StringComparison.OrdinalIgnoreCase))
            return -1;
        if (rangeSubType == "*")
            return 1;
        return string.Equals(rangeSubType, subType, StringComparison.OrdinalIgnoreCase) ? 2 : -1;
    }
}
