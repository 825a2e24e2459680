using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// Issue #18 items 6 and 7: a GiST on the jurisdictions' boundaries for each level (city, street, community, grid), so
    /// locating a stored need's point probes only the polygons of the level it asks for (Needs/Ingestion/BatchIngestion's
    /// LocateFew). The one GiST over every level handed each point its city's and street's boundaries too, each read from TOAST
    /// and tested on the way. The jurisdictions are a few hundred rows; the indexes cost nothing to keep.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261207000100_JurisdictionBoundaryByLevel")]
    public partial class JurisdictionBoundaryByLevel : Migration
    {
        private static readonly int[] Levels = [1, 2, 3, 4];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var level in Levels)
            {
                migrationBuilder.Sql($"CREATE INDEX IF NOT EXISTS ix_jurisdictions_boundary_level{level} ON jurisdictions USING gist (boundary) WHERE level = {level};");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var level in Levels)
            {
                migrationBuilder.Sql($"DROP INDEX IF EXISTS ix_jurisdictions_boundary_level{level};");
            }
        }
    }
}
