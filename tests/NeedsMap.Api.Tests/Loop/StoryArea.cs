using System.Text.Json.Nodes;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Tests.Loop;

/// <summary>A community in the story: where its needs land (around its interior point) and its boundary as GeoJSON.</summary>
internal sealed record StoryArea(string Code, GeoPoint Inside, JsonNode Boundary)
{
    public static async Task<List<StoryArea>> CommunitiesOfAsync(LoopHost host, string streetCode)
    {
        var data = await host.OkAsync("query($code: String!) { jurisdiction(code: $code) { children { code interiorPoint boundary } } }",
            new { code = streetCode });
        return data["jurisdiction"]!["children"]!.AsArray().Select(c => new StoryArea(
            c!["code"]!.GetValue<string>(),
            new GeoPoint(c["interiorPoint"]!["coordinates"]![0]!.GetValue<double>(), c["interiorPoint"]!["coordinates"]![1]!.GetValue<double>()),
            c["boundary"]!.DeepClone())).ToList();
    }

    /// <summary>Submits <paramref name="count"/> needs through the public API, a few metres apart, at the clock's time.</summary>
    public async Task SubmitAsync(LoopHost host, int count, string category, string text)
    {
        for (var i = 0; i < count; i++)
        {
            var at = Infrastructure.TestNeeds.Offset(Inside, (i % 4) * 8, (i / 4) * 8);
            await host.OkAsync(LoopApi.SubmitNeed, new { input = new { text, categoryCode = category, location = LoopApi.Point(at) } });
            host.Clock.Advance(TimeSpan.FromMinutes(7));
        }
    }
}
