namespace NeedsMap.Api.Security.Auth;

/// <summary>The GraphQL user context: the caller, and whether a WebSocket's connection_init token was refused.</summary>
public sealed class NeedsMapUserContext : Dictionary<string, object?>
{
    public required Caller Caller { get; init; }

    public bool TokenRejected { get; init; }

    public bool TokenMissing { get; init; }
}
