using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace NeedsMap.Bench.Subscribers;

/// <summary>
/// The needs each distinct filter should have delivered, asked of the server the way a client asks: a <c>needs</c> query with
/// the filter (and the run's measured needs picked out by their text), paged, as the city administrator. So the expected set is
/// what the product's SQL translation (Needs/Filtering/NeedFilterSql) returns, which the subscriptions' in-memory matcher must agree with.
/// </summary>
internal static class ExpectedSets
{
    private const string Query = """
        query($w: NeedFilter!, $after: String) { needs(first: 100, after: $after, where: $w) {
          edges { node { externalId } } pageInfo { hasNextPage endCursor } } }
        """;

    public static async Task<Dictionary<string, HashSet<string>>> AskAsync(HttpClient http, string adminToken, IEnumerable<Watch> watches, string measuredText)
    {
        var distinct = watches.GroupBy(w => w.Key).Select(g => g.First()).ToList();
        var sets = new ConcurrentDictionary<string, HashSet<string>>();
        await Parallel.ForEachAsync(distinct, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (watch, ct) =>
        {
            var where = new JsonObject { ["and"] = new JsonArray(watch.Where.DeepClone(), new JsonObject { ["textContains"] = measuredText }) };
            var ids = new HashSet<string>(StringComparer.Ordinal);
            string? after = null;
            do
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
                {
                    Content = JsonContent.Create(new { query = Query, variables = new JsonObject { ["w"] = where.DeepClone(), ["after"] = after } }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
                using var response = await http.SendAsync(request, ct);
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
                var needs = body["data"]?["needs"] ?? throw new InvalidOperationException($"needs for {watch.Key}: {body.ToJsonString()[..Math.Min(400, body.ToJsonString().Length)]}");
                foreach (var edge in needs["edges"]!.AsArray())
                {
                    ids.Add(edge!["node"]!["externalId"]!.GetValue<string>());
                }
                after = needs["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? needs["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
            }
            while (after is not null);
            sets[watch.Key] = ids;
        });
        return new Dictionary<string, HashSet<string>>(sets, StringComparer.Ordinal);
    }
}
