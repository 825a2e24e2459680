namespace NeedsMap.Api.Reference;

/// <summary>A jurisdiction without its boundary: what resolvers and filters need on every request.</summary>
public sealed record JurisdictionInfo(string Code, string Name, string OfficialName, JurisdictionLevel Level, string Kind,
    string? ParentCode, string Path, string BoundarySource, double InteriorLongitude, double InteriorLatitude);

/// <summary>An immutable view of the small, rarely changing tables: categories, channels, jurisdictions.</summary>
public sealed class ReferenceSnapshot
{
    private readonly Dictionary<string, Category> _categories;
    private readonly Dictionary<string, Channel> _channels;
    private readonly Dictionary<string, JurisdictionInfo> _jurisdictions;
    private readonly ILookup<string, string> _categoryChildren;

    public ReferenceSnapshot(IEnumerable<Category> categories, IEnumerable<Channel> channels, IEnumerable<JurisdictionInfo> jurisdictions)
    {
        _categories = categories.ToDictionary(c => c.Code, StringComparer.Ordinal);
        _channels = channels.ToDictionary(c => c.Code, StringComparer.Ordinal);
        _jurisdictions = jurisdictions.ToDictionary(j => j.Code, StringComparer.Ordinal);
        _categoryChildren = _categories.Values.Where(c => c.ParentCode is not null).ToLookup(c => c.ParentCode!, c => c.Code, StringComparer.Ordinal);
        Categories = [.. _categories.Values.OrderBy(c => c.Code, StringComparer.Ordinal)];
        Channels = [.. _channels.Values.OrderBy(c => c.Code, StringComparer.Ordinal)];
        Jurisdictions = [.. _jurisdictions.Values.OrderBy(j => j.Code, StringComparer.Ordinal)];
    }

    public static ReferenceSnapshot Empty { get; } = new([], [], []);

    public IReadOnlyList<Category> Categories { get; }
    public IReadOnlyList<Channel> Channels { get; }
    public IReadOnlyList<JurisdictionInfo> Jurisdictions { get; }

    public Category? FindCategory(string code) => _categories.GetValueOrDefault(code);
    public Channel? FindChannel(string code) => _channels.GetValueOrDefault(code);
    public JurisdictionInfo? FindJurisdiction(string code) => _jurisdictions.GetValueOrDefault(code);

    public IEnumerable<JurisdictionInfo> ChildrenOf(string? parentCode) =>
        Jurisdictions.Where(j => j.ParentCode == parentCode);

    public IEnumerable<Category> ChildCategoriesOf(string code) =>
        _categoryChildren[code].Select(c => _categories[c]);

    /// <summary>The code and all codes below it, or null when no such category exists.</summary>
    public IReadOnlyList<string>? CategoryWithDescendants(string code)
    {
        if (!_categories.ContainsKey(code))
        {
            return null;
        }
        var result = new List<string>();
        var pending = new Stack<string>([code]);
        while (pending.TryPop(out var next))
        {
            result.Add(next);
            foreach (var child in _categoryChildren[next])
            {
                pending.Push(child);
            }
        }
        return result;
    }

    public string TopLevelCategoryOf(string code)
    {
        var current = code;
        while (_categories.TryGetValue(current, out var c) && c.ParentCode is { } parent)
        {
            current = parent;
        }
        return current;
    }
}
