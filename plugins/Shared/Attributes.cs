namespace NeedsMap.Channels.Shared;

/// <summary>Collects the non-personal extra fields of a record, dropping blanks.</summary>
internal sealed class Attributes
{
    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public Attributes Add(string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            if (!_values.ContainsKey(key))
            {
                _order.Add(key);
            }
            _values[key] = value.Trim();
        }
        return this;
    }

    public IReadOnlyDictionary<string, string> Build() => new Dictionary<string, string>(_values, StringComparer.Ordinal);

    /// <summary>At most <paramref name="max"/> values: the first added win, so a record's own fields outrank an endpoint's extras.</summary>
    public IReadOnlyDictionary<string, string> Build(int max) =>
        _values.Count <= max ? Build() : _order.Take(max).ToDictionary(k => k, k => _values[k], StringComparer.Ordinal);
}
