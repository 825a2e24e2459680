namespace NeedsMap.Channels.Shared;

/// <summary>Collects the non-personal extra fields of a record, dropping blanks.</summary>
internal sealed class Attributes
{
    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);

    public Attributes Add(string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            _values[key] = value.Trim();
        }
        return this;
    }

    public IReadOnlyDictionary<string, string> Build() => new Dictionary<string, string>(_values, StringComparer.Ordinal);
}
