namespace NeedsMap.Graph.Transport.Sharing;

/// <summary>A subscribe's place in a shared run, held by its operation: disposing it (complete, or the socket closing) leaves the run.</summary>
internal sealed class SharedMembership(SharedSubscription run, ISharedSubscriber member) : IDisposable
{
    public void Dispose() => run.Remove(member);
}
