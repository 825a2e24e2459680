using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace NeedsMap.Api.Partitions;

/// <summary>
/// The quarterly time partitions of needs and the cell rollups (migration PartitionNeedsByTime, docs/partitions.md):
/// makes the coming quarters' partitions before anything arrives for them, and detaches the old ones on request.
/// A need whose quarter has no partition still lands (in the DEFAULT partition); making that quarter's partition later
/// moves it in (<c>needsmap_ensure_quarter</c>), so nothing is refused and nothing is lost.
/// </summary>
public sealed partial class PartitionUpkeep(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The partitioned tables, each with its DEFAULT partition <c>{name}_default</c>.</summary>
    public static readonly IReadOnlyList<string> Tables = ["needs", "cell_demand", "cell_demand_blocks"];

    // The first instant (UTC) of the quarter of each table's partition key, as needsmap_ensure_quarter cuts them.
    private static readonly Dictionary<string, string> QuarterOf = new(StringComparer.Ordinal)
    {
        ["needs"] = "date_trunc('quarter', received_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'",
        ["cell_demand"] = "date_trunc('quarter', day::timestamp) AT TIME ZONE 'UTC'",
        ["cell_demand_blocks"] = "date_trunc('quarter', block_start::timestamp) AT TIME ZONE 'UTC'",
    };

    /// <summary>How many quarters after the current one get their partitions ahead of time.</summary>
    public const int QuartersAhead = 2;

    /// <summary>
    /// Makes the partitions of the current quarter and the next <paramref name="quartersAhead"/>, and of every quarter the
    /// DEFAULT partitions hold rows of (moving those rows in), where missing; returns those made.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table names and expressions come from this class's constants.")]
    public async Task<IReadOnlyList<string>> EnsureAheadAsync(CancellationToken cancellationToken, int quartersAhead = QuartersAhead)
    {
        var made = new List<string>();
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var table in Tables)
        {
            var quarters = Enumerable.Range(0, quartersAhead + 1).Select(q => now.AddMonths(3 * q)).ToList();
            var strays = new List<DateTimeOffset>();
            await using (var query = new NpgsqlCommand($"SELECT DISTINCT {QuarterOf[table]} FROM {table}_default", connection))
            await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    strays.Add(reader.GetFieldValue<DateTimeOffset>(0));
                }
            }
            var strayQuarters = strays.Select(at => QuarterName(table, at)).ToHashSet(StringComparer.Ordinal);
            var moved = new List<string>();
            foreach (var at in quarters.Concat(strays))
            {
                if (await EnsureQuarterAsync(connection, table, at, cancellationToken))
                {
                    var name = QuarterName(table, at);
                    made.Add(name);
                    if (strayQuarters.Contains(name))
                    {
                        moved.Add(name);
                    }
                }
            }
            await AnalyzeMovedAsync(connection, table, moved, cancellationToken);
        }
        return made;
    }

    /// <summary>
    /// Makes the partitions of every quarter from the one holding <paramref name="first"/> to the one holding
    /// <paramref name="last"/>, where missing, before a bulk load of that span writes into them (the demo city's years).
    /// Rows written while their quarter has no partition land in the DEFAULT one and the next upkeep moves them: a second
    /// write of each, and a spell in which the planner has no statistics for the new quarter. The rollups' quarters reach a
    /// 28-day block and a city day further each way. Returns the partitions made.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnsureSpanAsync(DateTimeOffset first, DateTimeOffset last, CancellationToken cancellationToken)
    {
        var made = new List<string>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var from = first.UtcDateTime.AddDays(-28);
        var to = last.UtcDateTime.AddDays(1);
        foreach (var table in Tables)
        {
            for (var at = new DateTimeOffset(from.Year, (from.Month - 1) / 3 * 3 + 1, 1, 0, 0, 0, TimeSpan.Zero); at <= to; at = at.AddMonths(3))
            {
                if (await EnsureQuarterAsync(connection, table, at, cancellationToken))
                {
                    made.Add(QuarterName(table, at));
                }
            }
        }
        return made;
    }

    /// <summary>needsmap_ensure_quarter: true when it made the partition of <paramref name="table"/> holding <paramref name="at"/>.</summary>
    private static async Task<bool> EnsureQuarterAsync(NpgsqlConnection connection, string table, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT needsmap_ensure_quarter(@table::regclass, @at)", connection);
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("at", at);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>
    /// A quarter made from the DEFAULT partition's rows is a new table full of them that PostgreSQL has no statistics for
    /// until autovacuum comes round (a minute or more), and the DEFAULT's statistics still count the rows that left. The
    /// planner then took such a quarter for empty: on a demo city loaded into the DEFAULT (its quarters made by the next
    /// upkeep), a bbox question over the cells' time blocks scanned the quarter once a cell and took 1.4-4 s instead of
    /// tens of milliseconds (the test suite's /map walks). So both are analysed as soon as the rows have moved.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table names come from this class's constants and QuarterName.")]
    private static async Task AnalyzeMovedAsync(NpgsqlConnection connection, string table, IReadOnlyList<string> moved, CancellationToken cancellationToken)
    {
        if (moved.Count == 0)
        {
            return;
        }
        var statements = moved.Append($"{table}_default").Select(name => $"ANALYZE {name};");
        await using var analyze = new NpgsqlCommand(string.Concat(statements), connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Detaches every quarter partition that ends on or before <paramref name="before"/> (00:00 UTC): its rows leave every
    /// read and write of the parent, and stay in a table of the same name to archive, drop or attach again. The DEFAULT
    /// partitions stay. Returns the partitions detached, oldest first.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table names come from this class's constants, partition names from the catalog (quoted).")]
    public async Task<IReadOnlyList<string>> DetachBeforeAsync(DateOnly before, CancellationToken cancellationToken)
    {
        var detached = new List<string>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var table in Tables)
        {
            var old = new List<(string Name, DateOnly End)>();
            await using (var list = new NpgsqlCommand("""
                SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = @table::regclass
                """, connection))
            {
                list.Parameters.AddWithValue("table", table);
                await using var reader = await list.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    // "FOR VALUES FROM ('2026-07-01 00:00:00+00') TO ('2026-10-01 00:00:00+00')", or "DEFAULT"
                    var bound = UpperBound().Match(reader.GetString(1));
                    if (bound.Success)
                    {
                        var end = DateOnly.ParseExact(bound.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                        if (end <= before)
                        {
                            old.Add((reader.GetString(0), end));
                        }
                    }
                }
            }
            foreach (var (name, _) in old.OrderBy(o => o.End))
            {
                await using var detach = new NpgsqlCommand($"ALTER TABLE {table} DETACH PARTITION \"{name}\"", connection);
                await detach.ExecuteNonQueryAsync(cancellationToken);
                detached.Add(name);
            }
        }
        return detached;
    }

    /// <summary>The name <c>needsmap_ensure_quarter</c> gives the partition of <paramref name="table"/> holding <paramref name="at"/>.</summary>
    public static string QuarterName(string table, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{table}_{at.UtcDateTime.Year}q{(at.UtcDateTime.Month - 1) / 3 + 1}");

    [GeneratedRegex(@"TO \('(\d{4}-\d{2}-\d{2})")]
    private static partial Regex UpperBound();
}
