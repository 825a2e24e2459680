using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace NeedsMap.Api.Tests.Fuzz;

/// <summary>
/// Random requests to the doors outside GraphQL: tiles (addresses in and out of range, filters from the same generator as
/// GraphQL's variables, windows and dates at and past their edges, words where numbers go) and channel inboxes (known and
/// unknown channels, right and wrong keys, content types, bodies of every kind).
/// </summary>
internal sealed class RestFuzzer(Random random, ValueFuzzer values, SchemaShape schema, IReadOnlyDictionary<string, string> channelKeys,
    IReadOnlyDictionary<string, IReadOnlyList<string>> samples)
{
    private static readonly string[] Numbers = ["0", "1", "-1", "7", "30", "366", "367", "99999999999", "abc", "", "1.5", "1e3", "%00", "０"];
    private static readonly string[] Dates = ["2026-06-30", "2026-01-01", "0001-01-01", "9999-12-31", "2026-13-45", "2026-02-30", "yesterday", ""];
    private static readonly string[] Resolutions = ["R100", "R250", "R500", "R1000", "R2500", "r500", "R7", "", "0"];

    public HttpRequestMessage Next(out string description)
    {
        var request = random.Next(3) == 0 ? Inbox() : Tile();
        description = request.Method + " " + request.RequestUri;
        return request;
    }

    private HttpRequestMessage Tile()
    {
        var kind = random.Next(2) == 0 ? "needs" : "cells";
        var z = random.Next(8) == 0 ? Pick(Numbers) : random.Next(0, 24).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Coordinate()
        {
            if (random.Next(8) == 0)
            {
                return Pick(Numbers);
            }
            return int.TryParse(z, out var zoom) && zoom is >= 0 and <= 22
                ? random.Next(0, (int)Math.Min(int.MaxValue, (1L << zoom) + 2)).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : random.Next(0, 5000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var query = new List<string>();
        if (random.Next(2) == 0)
        {
            var where = random.Next(6) == 0
                ? Pick<string>(["{", "[]", "null", "\"x\"", "{\"bogus\":1}", "{\"jurisdictionIn\":[]}", ValueFuzzer.Random(random, 20)])
                : ValueFuzzer.Json(values.Value(JsonSerializer.SerializeToNode(new { kind = "INPUT_OBJECT", name = "NeedFilter" })!, 0, random.Next(10) < 7))?.ToJsonString() ?? "null";
            query.Add("where=" + Uri.EscapeDataString(where));
        }
        if (kind == "cells")
        {
            if (random.Next(2) == 0)
            {
                query.Add("days=" + Uri.EscapeDataString(Pick(Numbers)));
            }
            if (random.Next(3) == 0)
            {
                query.Add("lastDay=" + Uri.EscapeDataString(Pick(Dates)));
            }
            if (random.Next(3) == 0)
            {
                query.Add("resolution=" + Uri.EscapeDataString(Pick(Resolutions)));
            }
        }
        var url = $"/tiles/{kind}/{Uri.EscapeDataString(z)}/{Uri.EscapeDataString(Coordinate())}/{Uri.EscapeDataString(Coordinate())}.mvt";
        return new HttpRequestMessage(HttpMethod.Get, url + (query.Count == 0 ? "" : "?" + string.Join('&', query)));
    }

    private HttpRequestMessage Inbox()
    {
        var known = channelKeys.Keys.ToList();
        var channel = random.Next(6) == 0 ? Pick<string>(["nope", "", "12345%2F..", new string('c', 300), "open311"]) : Pick(known);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/channels/{channel}/inbox" + (random.Next(6) == 0 ? "?wait=" + Pick<string>(["counted", "now", ""]) : ""));
        switch (random.Next(6))
        {
            case 0:
                break; // no key
            case 1:
                request.Headers.Add("X-Channel-Key", "wrong-key");
                break;
            default:
                request.Headers.Add("X-Channel-Key", channelKeys.TryGetValue(channel, out var key) ? key : "wrong-key");
                break;
        }
        byte[] body = random.Next(6) switch
        {
            0 => [],
            1 => Encoding.UTF8.GetBytes(ValueFuzzer.Random(random, random.Next(1, 2_000))),
            2 => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(ValueFuzzer.Json(values.Value(JsonSerializer.SerializeToNode(new { kind = "INPUT_OBJECT", name = Pick(InputTypes) })!, 0, true)))),
            3 => [0xff, 0xfe, 0x00, 0x7b, 0x22],
            _ => samples.TryGetValue(channel, out var files) && files.Count > 0 ? Mutate(File.ReadAllBytes(Pick(files))) : Encoding.UTF8.GetBytes("{}"),
        };
        request.Content = new ByteArrayContent(body);
        var type = Pick<string>(["application/json", "application/xml", "text/csv; charset=utf-8", "text/plain", "application/octet-stream", "", "garbage/", "application/json; charset=latin1"]);
        if (type.Length > 0)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }
        return request;
    }

    private static IReadOnlyList<string> InputTypes => ["NeedFilter", "SubmitNeedInput", "BoundingBox"];

    /// <summary>A real payload with a few bytes changed, cut, or repeated.</summary>
    private byte[] Mutate(byte[] payload)
    {
        var copy = payload.ToArray();
        switch (random.Next(4))
        {
            case 0:
                return copy;
            case 1:
                for (var i = 0; i < 5 && copy.Length > 0; i++)
                {
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                }
                return copy;
            case 2:
                return copy[..random.Next(copy.Length + 1)];
            default:
                return [.. copy, .. copy];
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static bool IsJson(MediaTypeHeaderValue? type) => type?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;

    internal SchemaShape Schema => schema;
}
