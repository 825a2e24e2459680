namespace NeedsMap.Api.Channels.Inbox;

/// <summary>
/// A push that presents its channel's key is limited per channel, not per IP: a channel system behind one address would
/// otherwise share the anonymous budget with everyone there, and one channel's flood would eat another's. The budget is
/// <c>NeedsMap:Channels:RateLimits:&lt;code&gt;</c> pushes a minute, else <c>NeedsMap:RateLimit:ChannelPermitsPerMinute</c>
/// (1,200). A push without a valid key gets the caller's (anonymous, by IP) budget, so guessing keys is limited too.
/// </summary>
internal static class InboxRateLimit
{
    public const int DefaultPermitsPerMinute = 1200;

    /// <summary>The channel's partition and its permits a minute, or null when the request is not a push with a valid key.</summary>
    public static (string Key, int Permits)? PartitionFor(HttpContext http)
    {
        var segments = (http.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not ["channels", var code, "inbox"])
        {
            return null;
        }
        var keys = http.RequestServices.GetRequiredService<ChannelKeys>();
        if (!keys.IsValid(code, http.Request.Headers[ChannelKeys.Header]))
        {
            return null;
        }
        var configuration = http.RequestServices.GetRequiredService<IConfiguration>();
        var permits = configuration.GetValue<int?>($"NeedsMap:Channels:RateLimits:{code}")
            ?? configuration.GetValue("NeedsMap:RateLimit:ChannelPermitsPerMinute", DefaultPermitsPerMinute);
        return ("channel:" + code, Math.Max(1, permits));
    }
}
