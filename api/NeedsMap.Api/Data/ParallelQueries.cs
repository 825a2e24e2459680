using System.Globalization;
using Npgsql;

namespace NeedsMap.Api.Data;

/// <summary>
/// PostgreSQL starts parallel workers for the server's statements only when a statement is large enough to repay them:
/// <c>parallel_setup_cost</c> is 100,000 on the server's connections, not 1,000. A worker is a new process that loads PostGIS
/// before it reads a row: 25–45 ms each on the machine the benchmarks run on, where a map page's statement (a bounding box, a
/// 30-day window, ~750 needs of 1M) took 75–130 ms with two workers and 3–16 ms without, while whole-table aggregates still
/// get their workers. PostGIS's functions are declared expensive, so the planner's estimates for a few hundred rows in a box
/// run to tens of thousands and passed the default. A connection string whose <c>Options</c> already set
/// <c>parallel_setup_cost</c> is taken as written: the operator has chosen.
/// </summary>
public static class ParallelQueries
{
    public const double SetupCost = 100_000;

    public static void Apply(NpgsqlConnectionStringBuilder connection) =>
        ConnectionOptions.SetUnlessChosen(connection, "parallel_setup_cost", SetupCost.ToString(CultureInfo.InvariantCulture));
}
