using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// The uncached whole-city cells question (CellReader's blocks) reads tens of thousands of block rows scattered over the
    /// heap; with the counts in the index it is an index-only scan (issue #18 item 4). Raw SQL, like the squares, so the EF
    /// model (and its snapshot) stay as they are.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261205063100_CellBlocksCovering")]
    public partial class CellBlocksCovering : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS ix_cell_demand_blocks_covering ON cell_demand_blocks (resolution, block_days, block_start)
                    INCLUDE (q, r, count, weight, jurisdiction_path);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_cell_demand_blocks_covering;");
        }
    }
}
