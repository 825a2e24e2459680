namespace NeedsMap.Api.KeyMatters;

/// <summary>
/// Adds up the rows of one category or topic over the window and the window before it. Residents are the union
/// of the reporters of the window's rows: distinct counts do not add, so the rows carry their reporters and the
/// union is taken here, in memory, rather than by sorting every reporter row in the database. Until a tally has
/// its reporters (<see cref="HasReporters"/>), <see cref="UpperBound"/> is the most its index can be.
/// </summary>
internal sealed class DemandTally
{
    private readonly HashSet<long> _reporters = [];
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
        if (reporters is not null)
        {
            _reporters.UnionWith(reporters);
        }
    }

    /// <summary>Each record that names no reporter counts as one resident of its own.</summary>
    public DemandComponents Components() => new(_records, _cases, _reporters.Count + _anonymous, _anonymous,
        Math.Round(_weight, 6), Math.Round(_previousWeight, 6), _previousRecords);

    /// <summary>The components as if every named record came from a different resident: no index can be higher.</summary>
    public DemandComponents UpperBound() => Components() with { Residents = _records };

    public int Records => _records;

    public int DistinctReporters => _reporters.Count;
}
