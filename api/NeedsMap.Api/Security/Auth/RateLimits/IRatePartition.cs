namespace NeedsMap.Api.Security.Auth.RateLimits;

/// <summary>
/// A feature's own rate-limit partition for some requests (a channel's inbox pushes), asked before the caller's. Declared
/// here and implemented by the feature (<c>Channels/Inbox/InboxRatePartition</c>), so the rate limiter names no feature.
/// </summary>
public interface IRatePartition
{
    /// <summary>The partition's key and its permits a minute, or null when the request is not this partition's.</summary>
    (string Key, int Permits)? PartitionFor(HttpContext http);
}
