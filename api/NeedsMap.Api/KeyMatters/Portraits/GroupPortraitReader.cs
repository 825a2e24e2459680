using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Weather.Rollups;
using Npgsql;

namespace NeedsMap.Api.KeyMatters.Portraits;

public enum PortraitDimension
{
    Group,
    AgeBand,
    Gender,
}

public sealed record PortraitShare(string Code, string? Name, int Needs);

/// <summary>One reporter group's portrait: how many needs, from how many residents, what they ask for most and where.</summary>
public sealed record GroupPortrait(PortraitDimension Dimension, string Value, string Label, int Needs, int Residents,
    IReadOnlyList<PortraitShare> TopCategories, IReadOnlyList<PortraitShare> TopPlaces);

public sealed record GroupPortraits(string JurisdictionCode, CellWindow Window, int MinimumGroup, IReadOnlyList<GroupPortrait> Groups);

/// <summary>
/// Needs by who reported them (group, age band, gender, as channels report them), with what and where each group
/// asks most. Every group, category and place under <see cref="AccessScope.MinimumGroup"/> needs is left out for
/// every role: a small group's portrait would point at the few people in it.
/// </summary>
public sealed class GroupPortraitReader(NpgsqlDataSource dataSource, NeedFilterSql filterSql, ReferenceData reference, AccessScope scope, CityDays days)
{
    public const int TopShares = 3;

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["local_resident"] = "本地户籍居民",
        ["foreign_merchant"] = "境外客商",
        ["student"] = "学生",
        ["elderly_living_alone"] = "独居老人",
        ["female"] = "女",
        ["male"] = "男",
    };

    /// <summary>Workers from elsewhere take the city's name, as cities call them (新义乌人 in Yiwu, 新磐安人 in Pan'an).</summary>
    private static string Label(string value, ReferenceSnapshot snapshot)
    {
        if (value != "migrant_worker")
        {
            return Labels.GetValueOrDefault(value, value);
        }
        var city = snapshot.Jurisdictions.FirstOrDefault(j => j.ParentCode is null)?.Name ?? "";
        var stem = city.Length > 2 && (city.EndsWith('市') || city.EndsWith('县') || city.EndsWith('区')) ? city[..^1] : city;
        return $"新{stem}人（外来务工人员）";
    }

    public async Task<GroupPortraits> ReadAsync(string? jurisdictionCode, CellWindow window, CancellationToken cancellationToken)
    {
        if (window.Days is < 1 or > CellReader.MaxDays)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"window.days takes 1 to {CellReader.MaxDays}.");
        }
        var snapshot = reference.Current;
        var jurisdiction = KeyMatterReader.Jurisdiction(snapshot, jurisdictionCode);
        var filter = scope.RestrictAggregates(new NeedFilter
        {
            JurisdictionIn = [jurisdiction.Code],
            ReceivedFrom = days.StartOf(window.FirstDay),
            ReceivedBefore = days.StartOf(window.LastDay.AddDays(1)),
        });
        var p = new SqlParameters();
        var sql = $"""
            SELECT d.dim, d.val, n.category_code, n.jurisdiction_code, count(*)::int, array_agg(DISTINCT n.reporter_key) FILTER (WHERE n.reporter_key IS NOT NULL)
            FROM needs n
            CROSS JOIN LATERAL (VALUES (0, n.reporter_group), (1, n.reporter_age_band), (2, n.reporter_gender)) AS d(dim, val)
            WHERE d.val IS NOT NULL AND {filterSql.Where(filter, p)}
            GROUP BY 1, 2, 3, 4
            """;
        await using var command = dataSource.CreateCommand(sql);
        p.AddTo(command);
        var rows = new List<Row>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new Row((PortraitDimension)reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                    reader.IsDBNull(5) ? [] : reader.GetFieldValue<string[]>(5)));
            }
        }
        var k = scope.MinimumGroup;
        var portraits = rows.GroupBy(r => (r.Dim, r.Value))
            .Select(g => new GroupPortrait(g.Key.Dim, g.Key.Value, Label(g.Key.Value, snapshot), g.Sum(r => r.Count),
                g.SelectMany(r => r.Reporters).Distinct(StringComparer.Ordinal).Count(),
                Shares(g.GroupBy(r => r.Category), k, c => snapshot.FindCategory(c)?.Name),
                Shares(g.GroupBy(r => r.Place), k, c => snapshot.FindJurisdiction(c)?.Name)))
            .Where(p => p.Needs >= k && (!scope.GuardsDifferencing || p.Residents >= k))
            .OrderBy(p => p.Dimension).ThenByDescending(p => p.Needs).ThenBy(p => p.Value, StringComparer.Ordinal)
            .ToList();
        return new GroupPortraits(jurisdiction.Code, window, k, portraits);
    }

    private static List<PortraitShare> Shares(IEnumerable<IGrouping<string, Row>> groups, int k, Func<string, string?> name) =>
        groups.Select(g => new PortraitShare(g.Key, name(g.Key), g.Sum(r => r.Count)))
            .Where(s => s.Needs >= k)
            .OrderByDescending(s => s.Needs).ThenBy(s => s.Code, StringComparer.Ordinal)
            .Take(TopShares)
            .ToList();

    private sealed record Row(PortraitDimension Dim, string Value, string Category, string Place, int Count, string[] Reporters);
}
