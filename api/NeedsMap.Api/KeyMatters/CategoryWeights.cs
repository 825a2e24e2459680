using NeedsMap.Api.KeyMatters.Events;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Weather.Rollups;
using Npgsql;

namespace NeedsMap.Api.KeyMatters;

/// <summary>
/// Sets how much one need of a category weighs (类别权重). A need weighs channel weight × category weight, and every
/// rollup sums those weights, so one transaction reweighs the category's needs and scales the category's rows in
/// the key-matter and cell rollups by new / old: exact, because each row's weight is linear in the category's.
/// </summary>
public sealed class CategoryWeights(NpgsqlDataSource dataSource, ReferenceData reference)
{
    public const double MaxWeight = 100;

    public async Task<Category> SetAsync(string code, double weight, CancellationToken cancellationToken)
    {
        var category = reference.Current.FindCategory(code) ?? throw new DomainException(ErrorCodes.UnknownCategory, $"No category has the code \"{code}\".");
        if (!double.IsFinite(weight) || weight <= 0 || weight > MaxWeight)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"A category weight is above 0 and at most {MaxWeight}.");
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Data.StatementTimeout.LiftAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("""
            LOCK TABLE cell_demand, cell_demand_blocks, key_matter_demand IN SHARE ROW EXCLUSIVE MODE;
            UPDATE categories SET weight = @weight WHERE code = @code;
            UPDATE needs n SET weight = ch.weight * @weight FROM channels ch WHERE ch.code = n.channel_code AND n.category_code = @code;
            UPDATE key_matter_needs k SET weight = n.weight FROM needs n WHERE n.id = k.need_id AND k.category_code = @code;
            UPDATE key_matter_demand SET weight = weight * @ratio WHERE category_code = @code;
            UPDATE cell_demand_blocks b SET weight = b.weight + s.delta
            FROM (SELECT d.resolution, z.size, @epoch + ((d.day - @epoch) / z.size) * z.size AS start, d.q, d.r, sum(d.weight) * (@ratio - 1) AS delta
                  FROM cell_demand d CROSS JOIN unnest(@sizes) AS z(size) WHERE d.category_code = @code GROUP BY 1, 2, 3, 4, 5) s
            WHERE b.resolution = s.resolution AND b.block_days = s.size AND b.block_start = s.start AND b.q = s.q AND b.r = s.r;
            UPDATE cell_demand SET weight = weight * @ratio WHERE category_code = @code;
            """, connection))
        {
            command.CommandTimeout = 0;
            command.Parameters.AddWithValue("weight", weight);
            command.Parameters.AddWithValue("code", code);
            command.Parameters.AddWithValue("ratio", weight / category.Weight);
            command.Parameters.AddWithValue("epoch", TimeBlocks.Epoch);
            command.Parameters.AddWithValue("sizes", TimeBlocks.Sizes.Select(s => (int)s).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        // The current window's weights mix categories, so it cannot be scaled like the rows above: recounted from the blocks.
        await CellWindowCounts.RecountAsync(connection, null, cancellationToken);
        await KeyMatterNotifications.NotifyAsync(connection, reference.Current.Jurisdictions.Where(j => j.ParentCode is null).Select(j => j.Path), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await reference.ReloadAsync(cancellationToken);
        return reference.Current.FindCategory(code)!;
    }
}
