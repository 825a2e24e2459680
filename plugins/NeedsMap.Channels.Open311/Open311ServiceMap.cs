using System.Collections.Concurrent;
using NeedsMap.Sdk.Categories;

namespace NeedsMap.Channels.Open311;

/// <summary>
/// The city's table of Open311 services and the categories they mean: <c>service-codes.csv</c> beside the plugin (the city
/// edits it), or the file the channel setting <see cref="FileSetting"/> names. A line <c>match,category</c> matches a request
/// whose <c>service_code</c> is <c>match</c> or whose <c>service_name</c> contains it (Chicago's codes are opaque ids, its
/// names say "Street Light Out Complaint"); codes are tried before names, names in the file's order. Lines starting with
/// <c>#</c> are comments; a line whose category is not a standard code is skipped. The file is read again when it changes.
/// </summary>
public sealed class Open311ServiceMap
{
    /// <summary>The channel setting naming another table file (<c>NeedsMap:Channels:Settings:open311:ServiceMapFile</c>).</summary>
    public const string FileSetting = "ServiceMapFile";

    /// <summary>The table shipped beside the plugin.</summary>
    public const string DefaultFileName = "service-codes.csv";

    private static readonly ConcurrentDictionary<string, (DateTime Stamp, Open311ServiceMap Map)> Loaded = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> _codes;
    private readonly List<(string Name, string Category)> _names;

    private Open311ServiceMap(Dictionary<string, string> codes, List<(string, string)> names, int skipped)
    {
        _codes = codes;
        _names = names;
        Skipped = skipped;
    }

    /// <summary>An empty table, when no file can be read: categories then come from the description's keywords alone.</summary>
    public static Open311ServiceMap Empty { get; } = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), [], 0);

    /// <summary>How many lines named a category that is not a standard code.</summary>
    public int Skipped { get; }

    /// <summary>How many entries the table holds.</summary>
    public int Count => _codes.Count + _names.Count;

    /// <summary>The table for a channel's settings: the file <see cref="FileSetting"/> names, else the one beside the plugin.</summary>
    public static Open311ServiceMap For(IReadOnlyDictionary<string, string> settings)
    {
        var path = settings.TryGetValue(FileSetting, out var configured) && !string.IsNullOrWhiteSpace(configured)
            ? Path.GetFullPath(configured, PluginDirectory)
            : Path.Combine(PluginDirectory, DefaultFileName);
        return Load(path);
    }

    /// <summary>Reads a table file; a file that cannot be read gives <see cref="Empty"/>.</summary>
    public static Open311ServiceMap Load(string path)
    {
        try
        {
            var stamp = File.GetLastWriteTimeUtc(path);
            if (Loaded.TryGetValue(path, out var known) && known.Stamp == stamp)
            {
                return known.Map;
            }
            var map = Parse(File.ReadAllLines(path));
            Loaded[path] = (stamp, map);
            return map;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Empty;
        }
    }

    /// <summary>A table from the lines of a CSV file: <c>match,category</c>, a header line and <c>#</c> comments allowed.</summary>
    public static Open311ServiceMap Parse(IEnumerable<string> lines)
    {
        var codes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<(string, string)>();
        var skipped = 0;
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var comma = line.LastIndexOf(',');
            if (comma <= 0)
            {
                continue;
            }
            var match = line[..comma].Trim().Trim('"');
            var category = line[(comma + 1)..].Trim().Trim('"');
            if (match.Equals("match", StringComparison.OrdinalIgnoreCase) && category.Equals("category", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (match.Length == 0 || StandardTaxonomy.Find(category) is null)
            {
                skipped++;
                continue;
            }
            codes.TryAdd(match, category);
            names.Add((match, category));
        }
        return new Open311ServiceMap(codes, names, skipped);
    }

    /// <summary>The category for a request's service: by code, then by name; null when the table says nothing.</summary>
    public string? Map(string? serviceCode, string? serviceName)
    {
        if (serviceCode is not null && _codes.TryGetValue(serviceCode, out var byCode))
        {
            return byCode;
        }
        if (!string.IsNullOrWhiteSpace(serviceName))
        {
            foreach (var (name, category) in _names)
            {
                if (serviceName.Contains(name, StringComparison.OrdinalIgnoreCase))
                {
                    return category;
                }
            }
        }
        return null;
    }

    private static string PluginDirectory => Path.GetDirectoryName(typeof(Open311ServiceMap).Assembly.Location) is { Length: > 0 } directory
        ? directory
        : AppContext.BaseDirectory;
}
