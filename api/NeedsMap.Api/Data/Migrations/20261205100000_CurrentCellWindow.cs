using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// Issue #18 item 4: the default cells question (30-day window ending today, 4 baseline windows) kept answered, one row per
    /// cell and resolution (<c>Weather/Rollups/CellWindowCounts</c>). Raw SQL, outside the EF model, like the squares. Filled
    /// here from the 1-day blocks for the city's day in Asia/Shanghai (the default zone); a server configured for another zone
    /// recounts at start (<c>CellWindowTurnJob</c>), and reads the blocks until it has.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261205100000_CurrentCellWindow")]
    public partial class CurrentCellWindow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE cell_window_state (
                    id boolean PRIMARY KEY DEFAULT true CHECK (id),
                    last_day date NOT NULL,
                    days integer NOT NULL,
                    baseline_windows integer NOT NULL);
                CREATE TABLE cell_window_counts (
                    resolution smallint NOT NULL,
                    q integer NOT NULL,
                    r integer NOT NULL,
                    jurisdiction_path character varying(200) NOT NULL,
                    span_count integer NOT NULL,
                    window_count integer NOT NULL,
                    window_weight double precision NOT NULL,
                    previous_weight double precision NOT NULL,
                    baseline_weight double precision NOT NULL,
                    CONSTRAINT pk_cell_window_counts PRIMARY KEY (resolution, q, r));
                INSERT INTO cell_window_state (id, last_day, days, baseline_windows)
                VALUES (true, (now() AT TIME ZONE 'Asia/Shanghai')::date, 30, 4);
                INSERT INTO cell_window_counts (resolution, q, r, jurisdiction_path, span_count, window_count, window_weight, previous_weight, baseline_weight)
                SELECT d.resolution, d.q, d.r, min(d.jurisdiction_path), sum(d.count),
                       coalesce(sum(d.count) FILTER (WHERE d.block_start > s.last_day - s.days), 0),
                       coalesce(sum(d.weight) FILTER (WHERE d.block_start > s.last_day - s.days), 0),
                       coalesce(sum(d.weight) FILTER (WHERE d.block_start <= s.last_day - s.days AND d.block_start > s.last_day - 2 * s.days), 0),
                       coalesce(sum(d.weight) FILTER (WHERE d.block_start <= s.last_day - s.days), 0)
                FROM cell_demand_blocks d CROSS JOIN cell_window_state s
                WHERE d.block_days = 1 AND d.block_start <= s.last_day AND d.block_start > s.last_day - s.days * (s.baseline_windows + 1)
                GROUP BY d.resolution, d.q, d.r
                HAVING sum(d.count) > 0;
                ANALYZE cell_window_counts;
                -- A TRUNCATE of the blocks (a reset, a reload) fires no row trigger: the window empties with them, so it stays
                -- their sum (a DELETE: TRUNCATE here would collide with a statement truncating several tables).
                CREATE FUNCTION cell_window_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  DELETE FROM cell_window_counts;
                  RETURN NULL;
                END
                $fn$;
                CREATE TRIGGER cell_window_counts_truncate AFTER TRUNCATE ON cell_demand_blocks
                  FOR EACH STATEMENT EXECUTE FUNCTION cell_window_counts_truncate();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS cell_window_counts_truncate ON cell_demand_blocks;
                DROP FUNCTION IF EXISTS cell_window_counts_truncate();
                DROP TABLE IF EXISTS cell_window_counts;
                DROP TABLE IF EXISTS cell_window_state;
                """);
        }
    }
}
