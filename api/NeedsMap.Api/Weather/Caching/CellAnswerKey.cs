using System.Globalization;
using System.Text;
using System.Text.Json;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Rollups;

namespace NeedsMap.Api.Weather.Caching;

/// <summary>
/// The cache key of a cells question, written from the filter after the caller's scope is applied, so callers who may
/// see different needs never share an answer. Only the conditions cells accept (see <see cref="CellFilterSupport"/>) occur.
/// </summary>
public static class CellAnswerKey
{
    public static string For(HexResolution resolution, BoundingBox? bbox, string? jurisdictionCode, NeedFilter? filter, CellWindow window,
        int baselineWindows)
    {
        var key = new StringBuilder();
        key.Append(CultureInfo.InvariantCulture, $"{(int)resolution}|{window.LastDay:yyyy-MM-dd}|{window.Days}|{baselineWindows}|{jurisdictionCode}|");
        if (bbox is not null)
        {
            key.Append(CultureInfo.InvariantCulture, $"{bbox.West:R},{bbox.South:R},{bbox.East:R},{bbox.North:R}");
        }
        key.Append('|');
        Append(key, filter);
        return key.ToString();
    }

    private static void Append(StringBuilder key, NeedFilter? filter)
    {
        if (filter is null)
        {
            key.Append('_');
            return;
        }
        key.Append('{');
        List("c", filter.CategoryIn);
        List("h", filter.ChannelIn);
        List("j", filter.JurisdictionIn);
        Children("a", filter.And);
        Children("o", filter.Or);
        if (filter.Not is { } not)
        {
            key.Append("n:");
            Append(key, not);
        }
        key.Append('}');

        void List(string name, IReadOnlyList<string>? values)
        {
            if (values is not null)
            {
                // As JSON, so no code a client sends can make two different lists read alike.
                key.Append(name).Append(JsonSerializer.Serialize(values));
            }
        }

        void Children(string name, IReadOnlyList<NeedFilter>? children)
        {
            if (children is not null)
            {
                key.Append(name).Append('(');
                foreach (var child in children)
                {
                    Append(key, child);
                }
                key.Append(')');
            }
        }
    }
}
