namespace NeedsMap.Api.Needs.Events;

/// <summary>
/// A number that moves whenever this server hears that any need changed (on any server), for validators of answers built
/// from needs (tile ETags). Null while the LISTEN connection is down: then nothing heard can vouch that an answer is current.
/// </summary>
public sealed class NeedDataVersion
{
    private long _generation;
    private volatile bool _listening;

    public long? Serving => _listening ? Interlocked.Read(ref _generation) : null;

    internal void Advance() => Interlocked.Increment(ref _generation);

    internal void Listening(bool listening)
    {
        // Whatever changed while nobody listened is unknown: a new generation either way.
        Interlocked.Increment(ref _generation);
        _listening = listening;
    }
}
