using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NeedsMap.Sdk;

namespace NeedsMap.Channels.Open311;

/// <summary>
/// An <see cref="Open311Fetch"/> over a folder of <c>requests.json</c> responses saved from an endpoint,
/// answering queries the way the endpoint would: updated after the given time, oldest update first, one page.
/// For tests, replays and deployments that receive files instead of calling out.
/// </summary>
public sealed class Open311Folder
{
    private readonly string _directory;

    /// <summary>Serves the <c>*.json</c> files in <paramref name="directory"/>.</summary>
    public Open311Folder(string directory)
    {
        _directory = directory;
    }

    /// <summary>The fetch delegate to give <see cref="Open311Adapter"/>.</summary>
    public Open311Fetch Fetch => FetchAsync;

    private async Task<ChannelPayload> FetchAsync(Open311Query query, CancellationToken cancellationToken)
    {
        var requests = new List<(DateTimeOffset Updated, string Id, JsonNode Node)>();
        foreach (var file in Directory.EnumerateFiles(_directory, "*.json").Order(StringComparer.Ordinal))
        {
            var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            if (JsonNode.Parse(text) is not JsonArray array)
            {
                continue;
            }
            foreach (var node in array.OfType<JsonObject>())
            {
                var updated = (string?)node["updated_datetime"] ?? (string?)node["requested_datetime"];
                if (DateTimeOffset.TryParse(updated, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                    && (query.UpdatedAfter is null || time > query.UpdatedAfter))
                {
                    requests.Add((time, (string?)node["service_request_id"] ?? "", node.DeepClone()));
                }
            }
        }
        var page = new JsonArray([.. requests.OrderBy(r => r.Updated).ThenBy(r => r.Id, StringComparer.Ordinal).Take(query.PageSize).Select(r => r.Node)]);
        return new ChannelPayload(Encoding.UTF8.GetBytes(page.ToJsonString()), "application/json", _directory);
    }
}
