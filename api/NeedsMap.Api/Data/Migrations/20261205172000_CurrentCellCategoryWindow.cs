using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// Issue #18 item 4: the default cells question by category kept answered, one row per resolution, category and cell
    /// (<c>Weather/Rollups/CellCategoryWindowCounts</c>), for the window <c>cell_window_state</c> holds. Raw SQL outside the EF
    /// model, like <c>cell_window_counts</c>. Filled here from <c>cell_demand</c>'s day rows in that window's span (the blocks
    /// carry no category); with no state yet it stays empty until the day-turn job recounts both tables.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261205172000_CurrentCellCategoryWindow")]
    public partial class CurrentCellCategoryWindow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE cell_window_category_counts (
                    resolution smallint NOT NULL,
                    category_code character varying(64) NOT NULL,
                    q integer NOT NULL,
                    r integer NOT NULL,
                    jurisdiction_path character varying(200) NOT NULL,
                    span_count integer NOT NULL,
                    window_count integer NOT NULL,
                    window_weight double precision NOT NULL,
                    previous_weight double precision NOT NULL,
                    baseline_weight double precision NOT NULL,
                    CONSTRAINT pk_cell_window_category_counts PRIMARY KEY (resolution, category_code, q, r));
                INSERT INTO cell_window_category_counts (resolution, category_code, q, r, jurisdiction_path, span_count, window_count,
                                                         window_weight, previous_weight, baseline_weight)
                SELECT d.resolution, d.category_code, d.q, d.r, min(d.jurisdiction_path), sum(d.count),
                       coalesce(sum(d.count) FILTER (WHERE d.day > s.last_day - s.days), 0),
                       coalesce(sum(d.weight) FILTER (WHERE d.day > s.last_day - s.days), 0),
                       coalesce(sum(d.weight) FILTER (WHERE d.day <= s.last_day - s.days AND d.day > s.last_day - 2 * s.days), 0),
                       coalesce(sum(d.weight) FILTER (WHERE d.day <= s.last_day - s.days), 0)
                FROM cell_window_state s
                JOIN cell_demand d ON d.day <= s.last_day AND d.day > s.last_day - s.days * (s.baseline_windows + 1)
                GROUP BY d.resolution, d.category_code, d.q, d.r
                HAVING sum(d.count) > 0
                ORDER BY d.resolution, d.category_code, d.q, d.r;
                ANALYZE cell_window_category_counts;
                -- A TRUNCATE of the day rows or the blocks (a reset, a reload) fires no row trigger: the table empties with them,
                -- as cell_window_counts does (a DELETE: TRUNCATE here would collide with a statement truncating several tables).
                CREATE FUNCTION cell_window_category_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  DELETE FROM cell_window_category_counts;
                  RETURN NULL;
                END
                $fn$;
                CREATE TRIGGER cell_window_category_counts_truncate AFTER TRUNCATE ON cell_demand
                  FOR EACH STATEMENT EXECUTE FUNCTION cell_window_category_counts_truncate();
                CREATE TRIGGER cell_window_category_counts_truncate AFTER TRUNCATE ON cell_demand_blocks
                  FOR EACH STATEMENT EXECUTE FUNCTION cell_window_category_counts_truncate();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS cell_window_category_counts_truncate ON cell_demand;
                DROP TRIGGER IF EXISTS cell_window_category_counts_truncate ON cell_demand_blocks;
                DROP FUNCTION IF EXISTS cell_window_category_counts_truncate();
                DROP TABLE IF EXISTS cell_window_category_counts;
                """);
        }
    }
}
