namespace NeedsMap.Graph.Transport.Sharing;

/// <summary>A member of a <see cref="SharedSubscription"/>: gets each event already serialised, and the run's end.</summary>
internal interface ISharedSubscriber
{
    /// <summary>One event's payload, the execution result as UTF-8 JSON; the same array goes to every member, so it must not change.</summary>
    void OnShared(byte[] payload);

    void OnError(Exception error);

    void OnCompleted();
}
