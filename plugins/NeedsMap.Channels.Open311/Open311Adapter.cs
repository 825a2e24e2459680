using System.Globalization;
using NeedsMap.Channels.Shared;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Channels.Open311;

/// <summary>
/// Service requests from an Open311 GeoReport v2 endpoint (<c>requests.json</c>), WGS-84 as the standard says, with
/// everything a request carries kept (<see cref="Open311Request"/>), services mapped by the city's table
/// (<see cref="Open311ServiceMap"/>) and states both ways (<see cref="Open311Status"/>). Parses pushed pages and, given an
/// <see cref="Open311Fetch"/>, pulls them itself: the checkpoint is the latest <c>updated_datetime</c> seen, so an updated
/// request comes again with a higher version. Requests that share one <c>updated_datetime</c> across a page boundary would
/// be skipped by the next "updated after" query, so keep the page size above the largest burst the endpoint produces.
/// </summary>
public sealed class Open311Adapter : IChannelAdapter, IPullSource, IChannelStatusMap
{
    /// <summary>How many requests one pull asks for.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The channel setting that names the endpoint to pull from (<c>NeedsMap:Channels:Settings:open311:Endpoint</c> in the host).</summary>
    public const string EndpointSetting = "Endpoint";

    /// <summary>The channel setting for how many requests one pull asks for.</summary>
    public const string PageSizeSetting = "PageSize";

    // What the description says, when the city's table does not know the service.
    private static readonly CategoryMap Keywords = new([]);

    private static readonly string[] Wrappers = ["service_requests", "requests"];

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
        "Open311 GeoReport v2 接口的服务请求（requests.json），主要面向境外客商的多语种报事入口。坐标为WGS-84；境外坐标如实保留，由平台判为市外。"
        + "备注（notes）记入诉求历史，attributes与extended_attributes、期望办结时间、邮编记为诉求属性；open/closed与平台状态双向对应；"
        + "服务代码按插件目录下可编辑的service-codes.csv映射分类。支持按updated_datetime增量拉取。")
    {
        AcceptedFormats = ["application/json", "text/json"],
    };

    /// <inheritdoc />
    public ParseResult Parse(ChannelPayload payload, IChannelContext context)
    {
        var services = Open311ServiceMap.For(context.Settings);
        return RecordBatch.ParseJson(payload, Wrappers, Descriptor.Code, context, (item, _) => Open311Request.Parse(item, services, Keywords));
    }

    /// <inheritdoc />
    public string ToChannelStatus(RecordStatus status) => Open311Status.ToOpen311(status);

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

    private static DateTimeOffset? LatestUpdate(ChannelPayload payload)
    {
        if (!JsonPayload.TryOpen(payload, Wrappers, out var document, out var items, out _))
        {
            return null;
        }
        using (document)
        {
            DateTimeOffset? latest = null;
            foreach (var item in items)
            {
                if ((Open311Request.TryParseTime(item.Text("updated_datetime"), out var time) || Open311Request.TryParseTime(item.Text("requested_datetime"), out time))
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
        if (!JsonPayload.TryOpen(payload, Wrappers, out var document, out var items, out _))
        {
            return 0;
        }
        using (document)
        {
            return items.Count;
        }
    }
}
