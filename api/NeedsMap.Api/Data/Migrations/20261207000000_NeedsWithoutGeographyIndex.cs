using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// Issue #18 items 6 and 7: the GiST on <c>location::geography</c> goes. It served only the <c>near</c> filter, and it was one
    /// of the dearest of the needs' eight secondary indexes to keep: the insert of 100 stored needs took 42.8 ms with it and 39.3
    /// without, interleaved (bench/results/subscribers-20000.md, "Session 23"). A <c>near</c> filter now narrows by a box in
    /// degrees on the location GiST and decides by the same geography test (Data/Sql/MetreBox), as case linking already did.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261207000000_NeedsWithoutGeographyIndex")]
    public partial class NeedsWithoutGeographyIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_needs_location_geography;");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_needs_location_geography ON needs USING gist ((location::geography));");
    }
}
