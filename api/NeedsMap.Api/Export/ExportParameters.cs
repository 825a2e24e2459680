using System.Globalization;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Api.Weather.Tiles;

namespace NeedsMap.Api.Export;

/// <summary>
/// An export's parameters, from a query string or the CLI's <c>name=value</c> arguments alike, spelled as in GraphQL:
/// <c>where</c> is a <c>NeedFilter</c> in JSON (as <c>/tiles/needs?where=</c>), enums in GraphQL's spelling (CATEGORY, R500).
/// A bad value is a <see cref="DomainException"/> with its code.
/// </summary>
public sealed class ExportParameters(IReadOnlyDictionary<string, string?> values, NeedFilterJson filters, CityDays days)
{
    public string? Get(string name) => values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    public NeedFilter? Where => filters.Parse(Get("where"));

    public T Enum<T>(string name, T fallback) where T : struct, Enum
    {
        if (Get(name) is not { } raw)
        {
            return fallback;
        }
        return System.Enum.TryParse<T>(raw.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            ? parsed
            : throw new DomainException(ErrorCodes.InvalidInput,
                $"{name} is one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => NeedExportReader.ConstantCase(n)))}.");
    }

    public int Int(string name, int fallback) => Get(name) is not { } raw ? fallback
        : int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
        : throw new DomainException(ErrorCodes.InvalidInput, $"{name} is a whole number.");

    /// <summary><c>lastDay</c> (yyyy-MM-dd, today in the city by default) and <c>days</c> (30), as the cells' window.</summary>
    public CellWindow Window
    {
        get
        {
            var last = Get("lastDay") is not { } raw ? days.Today
                : DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                : throw new DomainException(ErrorCodes.InvalidInput, "lastDay is a date like 2026-06-30.");
            return new CellWindow(last, Int("days", CellQueryDefaults.WindowDays));
        }
    }

    /// <summary><c>bbox=west,south,east,north</c> in WGS-84 degrees.</summary>
    public BoundingBox? Bbox
    {
        get
        {
            if (Get("bbox") is not { } raw)
            {
                return null;
            }
            var parts = raw.Split(',');
            var numbers = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : double.NaN).ToArray();
            if (numbers.Length != 4 || numbers.Any(x => !double.IsFinite(x)))
            {
                throw new DomainException(ErrorCodes.InvalidFilter, "bbox is west,south,east,north in degrees.");
            }
            return new BoundingBox { West = numbers[0], South = numbers[1], East = numbers[2], North = numbers[3] };
        }
    }

    /// <summary>The parameters as one line for the audit log, in a stable order.</summary>
    public string Describe() => string.Join('&', values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).OrderBy(v => v.Key, StringComparer.Ordinal)
        .Select(v => $"{v.Key}={v.Value}"));
}
