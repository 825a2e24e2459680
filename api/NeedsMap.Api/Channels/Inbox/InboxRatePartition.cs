using NeedsMap.Api.Security.Auth.RateLimits;

namespace NeedsMap.Api.Channels.Inbox;

/// <summary>Gives the request rate limiter the inbox's per-channel partition (<see cref="InboxRateLimit"/>).</summary>
internal sealed class InboxRatePartition : IRatePartition
{
    public (string Key, int Permits)? PartitionFor(HttpContext http) => InboxRateLimit.PartitionFor(http);
}
