using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Loop.Scenes.Effect;

/// <summary>Needs per week inside an area, in some categories, counted in 7-day windows from an anchor instant.</summary>
public sealed class WeeklyDemand(NpgsqlDataSource dataSource, NeedFilterSql filterSql)
{
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>Counts for weeks −<paramref name="before"/> … <paramref name="after"/>−1 around <paramref name="anchor"/>.</summary>
    public async Task<int[]> CountAsync(Geometry area, IReadOnlyList<string> categories, DateTimeOffset anchor, int before, int after,
        CancellationToken cancellationToken)
    {
        var filter = new NeedFilter
        {
            Within = area, CategoryIn = categories, ReceivedFrom = anchor - before * Week, ReceivedBefore = anchor + after * Week,
        };
        var parameters = new SqlParameters();
        var where = filterSql.Where(filter, parameters);
        var start = parameters.Add(anchor.UtcDateTime, NpgsqlDbType.TimestampTz);
        var sql = $"SELECT floor(extract(epoch FROM n.received_at - {start}) / 604800)::int AS week, count(*)::int "
            + $"FROM needs n WHERE {where} GROUP BY 1";
        await using var command = dataSource.CreateCommand(sql);
        parameters.AddTo(command);
        var counts = new int[before + after];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var index = reader.GetInt32(0) + before;
            if (index >= 0 && index < counts.Length)
            {
                counts[index] = reader.GetInt32(1);
            }
        }
        return counts;
    }
}
