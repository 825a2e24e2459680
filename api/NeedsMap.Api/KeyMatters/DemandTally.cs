using System.Buffers;

namespace NeedsMap.Api.KeyMatters;

/// <summary>
/// Adds up the rows of one category or topic over the window and the window before it. Residents are the union
/// of the reporters of the window's rows: distinct counts do not add, so the rows carry their reporters and the
/// union is taken here, in memory (gathered in a pooled buffer, then sorted once: cheaper than hashing each, and no
/// large-object garbage per question), rather than by sorting every reporter row in the database. Until a tally has
/// its reporters (<see cref="HasReporters"/>), <see cref="UpperBound"/> is the most its index can be.
/// </summary>
internal sealed class DemandTally : IDisposable
{
    private long[] _reporters = [];
    private int _gathered;
    private int? _distinct;
    private int _records;
    private int _cases;
    private double _weight;
    private int _anonymous;
    private double _previousWeight;
    private int _previousRecords;

    public bool HasReporters { get; set; }

    public void Add(bool inWindow, int records, int cases, double weight, int anonymous, long[]? reporters)
    {
        if (!inWindow)
        {
            _previousRecords += records;
            _previousWeight += weight;
            return;
        }
        _records += records;
        _cases += cases;
        _weight += weight;
        _anonymous += anonymous;
        AddReporters(reporters);
    }

    public void AddReporters(long[]? reporters)
    {
        if (reporters is not { Length: > 0 })
        {
            return;
        }
        if (_gathered + reporters.Length > _reporters.Length)
        {
            var larger = ArrayPool<long>.Shared.Rent(Math.Max(2 * _reporters.Length, _gathered + reporters.Length));
            _reporters.AsSpan(0, _gathered).CopyTo(larger);
            Return();
            _reporters = larger;
        }
        reporters.CopyTo(_reporters, _gathered);
        _gathered += reporters.Length;
        _distinct = null;
    }

    /// <summary>Adds this tally's reporters to another: the residents of several categories together.</summary>
    public void AddReportersTo(DemandTally other) => other.AddReporters(_reporters.AsSpan(0, _gathered).ToArray());

    /// <summary>Each record that names no reporter counts as one resident of its own.</summary>
    public DemandComponents Components() => new(_records, _cases, DistinctReporters + _anonymous, _anonymous,
        Math.Round(_weight, 6), Math.Round(_previousWeight, 6), _previousRecords);

    /// <summary>The components as if every named record came from a different resident: no index can be higher.</summary>
    public DemandComponents UpperBound() => Components() with { Residents = _records };

    public int Records => _records;

    public int DistinctReporters => _distinct ??= CountDistinct();

    private int CountDistinct()
    {
        var all = _reporters.AsSpan(0, _gathered);
        all.Sort();
        var distinct = 0;
        for (var i = 0; i < all.Length; i++)
        {
            distinct += i == 0 || all[i] != all[i - 1] ? 1 : 0;
        }
        return distinct;
    }

    public void Dispose()
    {
        Return();
        _reporters = [];
        _gathered = 0;
    }

    private void Return()
    {
        if (_reporters.Length > 0)
        {
            ArrayPool<long>.Shared.Return(_reporters);
        }
    }
}
