namespace NeedsMap.Graph.Transport.WebSockets;

/// <summary>The close codes graphql-transport-ws defines; the reasons are the ones graphql-ws sends.</summary>
internal static class CloseCodes
{
    public const int BadRequest = 4400;
    public const int Unauthorized = 4401;
    public const int Forbidden = 4403;
    public const int ConnectionInitialisationTimeout = 4408;
    public const int SubscriberAlreadyExists = 4409;
    public const int TooManyInitialisationRequests = 4429;
}
