using System.Text.Json.Nodes;

namespace NeedsMap.Api.Tests.Infrastructure;

/// <summary>
/// Reading mutation payloads (<c>{ result, errors: [Error] }</c>): a business refusal comes back in a payload's errors,
/// not as a GraphQL error, so helpers that ask "did it fail, and with which code" look at both.
/// </summary>
internal static class Payloads
{
    /// <summary>The typed refusals of every root payload in <paramref name="data"/>, in order.</summary>
    public static IReadOnlyList<JsonObject> Refusals(JsonNode? data) => data is JsonObject root
        ? root.Select(p => p.Value is JsonObject payload && payload["errors"] is JsonArray errors ? errors : [])
            .SelectMany(e => e).OfType<JsonObject>().ToList()
        : [];

    /// <summary>The first GraphQL error's extensions.code, else the first payload refusal's code, else null.</summary>
    public static string? Code(JsonObject? body) =>
        body?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>() ?? (Refusals(body?["data"]) is [var first, ..] ? first : null)?["code"]?.GetValue<string>();

    /// <summary>Fails when any root payload carries a refusal.</summary>
    public static void AssertNoRefusals(JsonNode? data)
    {
        var refusals = Refusals(data);
        Assert.True(refusals.Count == 0, "refused: " + string.Join("; ", refusals.Select(r => r.ToJsonString())));
    }
}
