using NeedsMap.Sdk;

namespace NeedsMap.Channels.Open311;

/// <summary>What <see cref="Open311Adapter"/> asks its endpoint for on each pull.</summary>
/// <param name="UpdatedAfter">Only requests updated strictly after this time; <see langword="null"/> for all.</param>
/// <param name="PageSize">How many requests at most, oldest update first.</param>
public sealed record Open311Query(DateTimeOffset? UpdatedAfter, int PageSize);

/// <summary>
/// Fetches one page of GeoReport v2 requests (a JSON array): <see cref="Open311Http"/> calls an endpoint's
/// <c>requests.json</c>, <see cref="Open311Folder"/> replays saved responses.
/// </summary>
public delegate Task<ChannelPayload> Open311Fetch(Open311Query query, CancellationToken cancellationToken);
