using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// Issue #18 item 4: the current-window tables also keep each cell's count in the window before (<c>previous_count</c>; they
    /// kept its weight only), so the public's small-group guard (Weather/Rollups/PublicCells) judges the default map's three
    /// parts (the window, the window before, the older baselines: span minus both) from one row a cell instead of the blocks.
    /// Filled here from <c>cell_demand</c>'s day rows of the window before the state's window; with no state the tables are
    /// empty and the day-turn job recounts them.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261206000200_CellWindowPreviousCount")]
    public partial class CellWindowPreviousCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE cell_window_counts ADD COLUMN previous_count integer NOT NULL DEFAULT 0;
                ALTER TABLE cell_window_category_counts ADD COLUMN previous_count integer NOT NULL DEFAULT 0;
                UPDATE cell_window_category_counts w SET previous_count = p.n
                FROM (SELECT d.resolution, d.category_code, d.q, d.r, sum(d.count)::int AS n
                      FROM cell_window_state s
                      JOIN cell_demand d ON d.day <= s.last_day - s.days AND d.day > s.last_day - 2 * s.days
                      GROUP BY d.resolution, d.category_code, d.q, d.r) p
                WHERE w.resolution = p.resolution AND w.category_code = p.category_code AND w.q = p.q AND w.r = p.r;
                UPDATE cell_window_counts w SET previous_count = p.n
                FROM (SELECT resolution, q, r, sum(previous_count)::int AS n FROM cell_window_category_counts GROUP BY resolution, q, r) p
                WHERE w.resolution = p.resolution AND w.q = p.q AND w.r = p.r;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE cell_window_counts DROP COLUMN previous_count;
                ALTER TABLE cell_window_category_counts DROP COLUMN previous_count;
                """);
        }
    }
}
