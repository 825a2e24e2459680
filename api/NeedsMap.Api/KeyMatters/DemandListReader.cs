using NeedsMap.Api.Filtering;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Loop.Dispatch;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Stats;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Weather.Rollups;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.KeyMatters;

/// <param name="Code">A community code, or a cell id (r250:q:r).</param>
public sealed record DemandPlace(string Code, string? Name, int Records);

/// <summary>A key matter with its evidence and who should act on it (需求清单 joined to 服务清单).</summary>
public sealed record DemandItem(KeyMatter Matter, IReadOnlyList<Need> Samples, IReadOnlyList<DemandPlace> Communities, IReadOnlyList<DemandPlace> Cells,
    IReadOnlyList<ServiceItem> Services);

public sealed record DemandList(KeyMatters KeyMatters, IReadOnlyList<DemandItem> Items);

/// <summary>
/// The demand list: the ranked categories of <see cref="KeyMatterReader"/>, each with sample needs (newest first,
/// through the caller's scope like every page of needs), the communities and 250 m cells where it is heaviest
/// (from the rollups), and the service list's lines for the category and its parent.
/// </summary>
public sealed class DemandListReader(KeyMatterReader keyMatters, NeedReader needs, ServiceList services, NpgsqlDataSource dataSource,
    ReferenceData reference, CityDays days)
{
    public const int Samples = 3;
    public const int Places = 3;

    public async Task<DemandList> ReadAsync(string? jurisdictionCode, CellWindow window, int top, CancellationToken cancellationToken)
    {
        var matters = await keyMatters.ReadAsync(jurisdictionCode, window, top, CategoryLevel.Leaf, null, cancellationToken);
        var snapshot = reference.Current;
        var jurisdiction = snapshot.FindJurisdiction(matters.JurisdictionCode)!;
        var communities = snapshot.Jurisdictions.Where(j => j.Path.StartsWith(jurisdiction.Path, StringComparison.Ordinal)
            && !snapshot.ChildrenOf(j.Code).Any()).Select(j => j.Code).ToArray();
        var items = new List<DemandItem>();
        foreach (var matter in matters.Categories)
        {
            var filter = new NeedFilter
            {
                JurisdictionIn = [matters.JurisdictionCode],
                CategoryIn = [matter.CategoryCode],
                ReceivedFrom = days.StartOf(window.FirstDay),
                ReceivedBefore = days.StartOf(window.LastDay.AddDays(1)),
            };
            var samples = await needs.PageAsync(filter, NeedOrder.ReceivedAtDesc, new PageRequest(Samples, false, null), cancellationToken);
            // Places come from the jurisdiction rollups, which only a caller who may see the whole jurisdiction reads.
            var places = matters.FromRollups ? await TopCommunitiesAsync(communities, matter.CategoryCode, window, cancellationToken) : [];
            var cells = matters.FromRollups ? await TopCellsAsync(jurisdiction.Path, matter.CategoryCode, window, cancellationToken) : [];
            var lines = await services.ListAsync(matter.CategoryCode, cancellationToken);
            var parent = snapshot.TopLevelCategoryOf(matter.CategoryCode);
            if (parent != matter.CategoryCode)
            {
                lines.AddRange(await services.ListAsync(parent, cancellationToken));
            }
            items.Add(new DemandItem(matter, samples.Edges.Select(e => e.Node).ToList(),
                places.Select(p => p with { Name = snapshot.FindJurisdiction(p.Code)?.Name }).ToList(), cells, lines));
        }
        return new DemandList(matters, items);
    }

    private async Task<List<DemandPlace>> TopCommunitiesAsync(string[] communities, string category, CellWindow window, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT jurisdiction_code, sum(records)::int FROM key_matter_demand
            WHERE jurisdiction_code = ANY(@codes) AND category_code = @cat AND topic = '' AND day >= @first AND day <= @last
            GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT @n
            """);
        command.Parameters.Add(new NpgsqlParameter("codes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = communities });
        return await ReadPlacesAsync(command, category, window, ct);
    }

    private async Task<List<DemandPlace>> TopCellsAsync(string path, string category, CellWindow window, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT 'r250:' || q || ':' || r, sum(count)::int FROM cell_demand
            WHERE resolution = 250 AND jurisdiction_path LIKE @path AND category_code = @cat AND day >= @first AND day <= @last
            GROUP BY q, r ORDER BY 2 DESC, 1 LIMIT @n
            """);
        command.Parameters.AddWithValue("path", path + "%");
        return await ReadPlacesAsync(command, category, window, ct);
    }

    private static async Task<List<DemandPlace>> ReadPlacesAsync(NpgsqlCommand command, string category, CellWindow window, CancellationToken ct)
    {
        command.Parameters.AddWithValue("cat", category);
        command.Parameters.AddWithValue("first", window.FirstDay);
        command.Parameters.AddWithValue("last", window.LastDay);
        command.Parameters.AddWithValue("n", Places);
        var places = new List<DemandPlace>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            places.Add(new DemandPlace(reader.GetString(0), null, reader.GetInt32(1)));
        }
        return places;
    }
}
