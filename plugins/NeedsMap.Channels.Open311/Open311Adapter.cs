using System.Globalization;
using System.Text.Json;
using NeedsMap.Channels.Shared;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Channels.Open311;

/// <summary>
/// Service requests from an Open311 GeoReport v2 endpoint (<c>requests.json</c>), WGS-84 as the standard
/// says. Parses pushed pages and, given an <see cref="Open311Fetch"/>, pulls them itself: the checkpoint is
/// the latest <c>updated_datetime</c> seen, so an updated request comes again with a higher version.
/// Requests that share one <c>updated_datetime</c> across a page boundary would be skipped by the next
/// "updated after" query, so keep the page size above the largest burst the endpoint produces.
/// </summary>
public sealed class Open311Adapter : IChannelAdapter, IPullSource
{
    /// <summary>How many requests one pull asks for.</summary>
    public const int DefaultPageSize = 50;

    private static readonly CategoryMap Categories = new(
    [
        ("NOISE-CONST", "noise.construction"), ("NOISE", "noise"), ("GARBAGE", "environment.garbage"),
        ("STREETLIGHT", "utilities.streetlight"), ("POTHOLE", "traffic.road_damage"), ("PARKING", "traffic.parking"),
        ("WATER", "utilities.water_supply"), ("FOOD", "market.food_safety"), ("VENDOR", "market.street_vending"),
        ("SIGNAL", "traffic.signals"), ("DRAIN", "utilities.drainage"), ("CONSUMER", "market.consumer_rights"),
    ]);

    /// <summary>The channel setting that names the endpoint to pull from (<c>NeedsMap:Channels:Settings:open311:Endpoint</c> in the host).</summary>
    public const string EndpointSetting = "Endpoint";

    /// <summary>The channel setting for how many requests one pull asks for.</summary>
    public const string PageSizeSetting = "PageSize";

    private readonly Open311Fetch? _fetch;
    private readonly int _pageSize = DefaultPageSize;

    /// <summary>
    /// Creates the adapter the host loads: it parses pushed payloads and pulls from the endpoint the channel's
    /// <see cref="EndpointSetting"/> names, over HTTP; without one, <see cref="PullAsync"/> has nothing to pull.
    /// </summary>
    public Open311Adapter()
    {
    }

    /// <summary>Creates an adapter that pulls through <paramref name="fetch"/>.</summary>
    public Open311Adapter(Open311Fetch fetch, int pageSize = DefaultPageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        _fetch = fetch;
        _pageSize = pageSize;
    }

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new(
        "open311",
        "Open311市民服务请求（GeoReport v2）",
        "application/json",
        CoordinateSystem.Wgs84,
        "Open311 GeoReport v2 接口的服务请求（requests.json），主要面向境外客商的多语种报事入口。坐标为WGS-84。支持按updated_datetime增量拉取。")
    {
        AcceptedFormats = ["application/json", "text/json"],
    };

    /// <inheritdoc />
    public ParseResult Parse(ChannelPayload payload, IChannelContext context) =>
        RecordBatch.ParseJson(payload, ["service_requests", "requests"], Descriptor.Code, context, (item, c) => ParseRequest(item, c));

    /// <inheritdoc />
    public async Task<PullBatch> PullAsync(string? checkpoint, IChannelContext context)
    {
        var (fetch, pageSize) = _fetch is not null ? (_fetch, _pageSize) : FromSettings(context.Settings);
        if (fetch is null)
        {
            return new PullBatch([], [], checkpoint, HasMore: false);
        }
        DateTimeOffset? after = null;
        if (checkpoint is not null)
        {
            if (!DateTimeOffset.TryParseExact(checkpoint, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                throw new ArgumentException($"'{checkpoint}' is not a checkpoint this adapter wrote.", nameof(checkpoint));
            }
            after = parsed;
        }
        var payload = await fetch(new Open311Query(after, pageSize), context.CancellationToken).ConfigureAwait(false);
        var result = Parse(payload, context);
        var latest = LatestUpdate(payload) ?? after;
        return new PullBatch(result.Records, result.Rejected, latest?.ToString("O", CultureInfo.InvariantCulture), HasMore: CountItems(payload) >= pageSize);
    }

    private static (Open311Fetch? Fetch, int PageSize) FromSettings(IReadOnlyDictionary<string, string> settings)
    {
        if (!settings.TryGetValue(EndpointSetting, out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            return (null, DefaultPageSize);
        }
        var pageSize = settings.TryGetValue(PageSizeSetting, out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var size) && size > 0
            ? size
            : DefaultPageSize;
        return (Open311Http.For(uri), pageSize);
    }

    private static (NeedRecord?, RejectedRecord?) ParseRequest(JsonElement request, IChannelContext context)
    {
        var raw = request.GetRawText();
        if (request.ValueKind != JsonValueKind.Object)
        {
            return (null, new RejectedRecord(null, RejectReasons.MalformedPayload, "A service request is not a JSON object.", raw));
        }
        var id = request.Text("service_request_id");
        if (id is null)
        {
            // GeoReport v2 answers a POST it has not yet assigned an id with a token instead.
            return (null, Rejections.Missing(request.Text("token"), "service_request_id", raw));
        }
        var description = request.Text("description") ?? request.Text("service_name");
        if (description is null)
        {
            return (null, Rejections.Missing(id, "description", raw));
        }
        if (!TryParseTime(request.Text("requested_datetime"), out var requestedAt))
        {
            return (null, Rejections.Invalid(id, "requested_datetime", "is missing or not a W3C date-time", raw));
        }
        var updatedAt = requestedAt;
        if (request.Text("updated_datetime") is { } updated && !TryParseTime(updated, out updatedAt))
        {
            return (null, Rejections.Invalid(id, "updated_datetime", "is not a W3C date-time", raw));
        }
        if (request.HasNonNumber("lat") || request.HasNonNumber("long") || (request.Number("lat") is null) != (request.Number("long") is null))
        {
            return (null, Rejections.Invalid(id, "lat/long", "must both be numbers or both be absent", raw));
        }
        RecordLocation? location = null;
        if (request.Number("long") is { } lon && request.Number("lat") is { } lat
            && !Coordinates.TryCreate(lon, lat, CoordinateSystem.Wgs84, out location, out var why))
        {
            return (null, Rejections.Invalid(id, "lat/long", why, raw));
        }
        var address = request.Text("address");
        if (location is null && address is null)
        {
            return (null, Rejections.Missing(id, "address", raw));
        }
        var serviceCode = request.Text("service_code");
        var serviceName = request.Text("service_name");
        var record = new NeedRecord
        {
            ExternalId = id,
            Version = RecordVersion.FromTime(updatedAt),
            ReceivedAt = requestedAt,
            Text = PersonalData.ScrubText(description),
            Location = location,
            Address = address is null ? null : PersonalData.ScrubText(address),
            ChannelCategory = serviceName is null ? serviceCode : $"{serviceCode} {serviceName}",
            CategoryCode = Categories.Map(serviceCode, description),
            Reporter = ReporterAttributes.Unknown,
            Attributes = new Attributes()
                .Add("status", request.Text("status"))
                .Add("status_notes", request.Text("status_notes") is { } notes ? PersonalData.ScrubText(notes) : null)
                .Add("agency_responsible", request.Text("agency_responsible"))
                .Add("media_url", request.Text("media_url"))
                .Build(),
        };
        return (record, null);
    }

    private static bool TryParseTime(string? text, out DateTimeOffset time)
    {
        time = default;
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time)
            && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10);
    }

    private static DateTimeOffset? LatestUpdate(ChannelPayload payload)
    {
        if (!JsonPayload.TryOpen(payload, ["service_requests", "requests"], out var document, out var items, out _))
        {
            return null;
        }
        using (document)
        {
            DateTimeOffset? latest = null;
            foreach (var item in items)
            {
                if ((TryParseTime(item.Text("updated_datetime"), out var time) || TryParseTime(item.Text("requested_datetime"), out time))
                    && (latest is null || time > latest))
                {
                    latest = time;
                }
            }
            return latest;
        }
    }

    private static int CountItems(ChannelPayload payload)
    {
        if (!JsonPayload.TryOpen(payload, ["service_requests", "requests"], out var document, out var items, out _))
        {
            return 0;
        }
        using (document)
        {
            return items.Count;
        }
    }
}
