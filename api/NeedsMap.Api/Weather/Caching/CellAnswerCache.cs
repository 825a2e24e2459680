using System.Collections.Concurrent;
using NeedsMap.Api.Weather.Rollups;

namespace NeedsMap.Api.Weather.Caching;

/// <summary>
/// Answers of <see cref="CellReader"/> kept in memory until any cell changes. Every server hears every change through
/// LISTEN/NOTIFY (<see cref="Events.WeatherEventListener"/>), so answers are kept only while that connection is up: while
/// it is down a change on another server would go unheard. A read stores its answer under the generation it started in,
/// and a lookup accepts only the current generation, so an answer computed while a change landed is never served.
/// </summary>
public sealed class CellAnswerCache
{
    /// <summary>Map panning makes many boxes; past this many answers the cache starts over rather than grow.</summary>
    public const int MaxEntries = 256;

    private readonly ConcurrentDictionary<string, (long Generation, IReadOnlyList<CellDemandSummary> Cells)> _answers = new();
    private long _generation;
    private volatile bool _listening;

    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The generation answers may be kept and served under; null while not listening, when a change could go unheard.</summary>
    public long? ServingGeneration => _listening ? Generation : null;

    /// <summary>Set by the listener: true once LISTEN runs, false when the connection is lost (which also drops every answer).</summary>
    public bool IsListening
    {
        get => _listening;
        set
        {
            _listening = value;
            Invalidate();
        }
    }

    public bool TryGet(string key, out IReadOnlyList<CellDemandSummary> cells)
    {
        if (_listening && _answers.TryGetValue(key, out var entry) && entry.Generation == Generation)
        {
            cells = entry.Cells;
            return true;
        }
        cells = [];
        return false;
    }

    public void Store(string key, long generation, IReadOnlyList<CellDemandSummary> cells)
    {
        if (!_listening || generation != Generation)
        {
            return;
        }
        if (_answers.Count >= MaxEntries)
        {
            _answers.Clear();
        }
        _answers[key] = (generation, cells);
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _answers.Clear();
    }
}
