using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// Issue #18 items 6 and 7: <c>cell_demand_blocks</c> had two b-trees with the same leading columns, its primary key
    /// (resolution, block_days, block_start, q, r) and <c>ix_cell_demand_blocks_covering</c> (resolution, block_days, block_start)
    /// INCLUDE (q, r, count, weight, jurisdiction_path) for the readers' index-only scans. Every counted need updates ~10 block
    /// rows, none of them HOT (the counts are in an index), so each update wrote both. The primary key now carries the counts
    /// itself and serves the same scans; the second index goes. Raw SQL: the EF model does not describe INCLUDE.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261206000100_CellBlocksKeyCovers")]
    public partial class CellBlocksKeyCovers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE cell_demand_blocks DROP CONSTRAINT pk_cell_demand_blocks;
                ALTER TABLE cell_demand_blocks ADD CONSTRAINT pk_cell_demand_blocks PRIMARY KEY (resolution, block_days, block_start, q, r)
                    INCLUDE (count, weight, jurisdiction_path);
                DROP INDEX IF EXISTS ix_cell_demand_blocks_covering;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS ix_cell_demand_blocks_covering ON cell_demand_blocks (resolution, block_days, block_start)
                    INCLUDE (q, r, count, weight, jurisdiction_path);
                ALTER TABLE cell_demand_blocks DROP CONSTRAINT pk_cell_demand_blocks;
                ALTER TABLE cell_demand_blocks ADD CONSTRAINT pk_cell_demand_blocks PRIMARY KEY (resolution, block_days, block_start, q, r);
                """);
        }
    }
}
