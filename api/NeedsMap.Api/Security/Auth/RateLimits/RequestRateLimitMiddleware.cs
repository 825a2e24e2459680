using System.Globalization;
using Microsoft.AspNetCore.RateLimiting;

namespace NeedsMap.Api.Security.Auth.RateLimits;

/// <summary>
/// Requests a minute per caller (<c>NeedsMap:RateLimit:PermitsPerMinute</c>, 600, by token subject;
/// <c>AnonymousPermitsPerMinute</c>, 120, by address without a token) and per channel for inbox pushes with a valid key
/// (a feature's <see cref="IRatePartition"/>: the channels' <c>InboxRateLimit</c>). Beyond them: 429 RATE_LIMITED with Retry-After. Endpoints marked
/// <c>DisableRateLimiting()</c> (health, metrics) are not counted.
/// </summary>
internal sealed class RequestRateLimitMiddleware(RequestDelegate next, FixedWindowCounters counters, CallerResolver callers, IConfiguration configuration,
    IEnumerable<IRatePartition> partitions)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly int _perMinute = configuration.GetValue("NeedsMap:RateLimit:PermitsPerMinute", 600);
    private readonly int _anonymousPerMinute = configuration.GetValue("NeedsMap:RateLimit:AnonymousPermitsPerMinute", 120);
    private readonly IRatePartition[] _partitions = partitions.ToArray();

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is not null)
        {
            await next(http);
            return;
        }
        var (key, permits) = FeaturePartition(http) ?? CallerPartition(http);
        if (counters.TryTake(key, permits, Window, out var retryAfter))
        {
            await next(http);
            return;
        }
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await SecurityMiddleware.WriteErrorAsync(http, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
            "Too many requests; try again after Retry-After seconds.");
    }

    private (string Key, int Permits)? FeaturePartition(HttpContext http)
    {
        foreach (var partition in _partitions)
        {
            if (partition.PartitionFor(http) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    private (string Key, int Permits) CallerPartition(HttpContext http)
    {
        var caller = SecurityMiddleware.CallerOf(http, callers);
        return caller.Authenticated ? ("sub:" + caller.Subject, _perMinute) : ("ip:" + http.Connection.RemoteIpAddress, _anonymousPerMinute);
    }
}
