using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// Issue #18 item 4: <c>need_tile_squares</c> now also counts a needs page's <c>totalCount</c> over a bbox
    /// (<c>Weather/Tiles/BoxCounts</c>), so it must stay the needs' count. A TRUNCATE of the needs (a reset, a reload) fires no
    /// row trigger and reaches the applier never: the squares empty with them. A DELETE, not a TRUNCATE, so a statement that
    /// truncates both tables at once does not collide with itself. Nothing to fill: the squares are unchanged.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261205131000_NeedTileSquaresFollowTruncate")]
    public partial class NeedTileSquaresFollowTruncate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION need_tile_squares_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  DELETE FROM need_tile_squares;
                  RETURN NULL;
                END
                $fn$;
                CREATE TRIGGER need_tile_squares_truncate AFTER TRUNCATE ON needs
                  FOR EACH STATEMENT EXECUTE FUNCTION need_tile_squares_truncate();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS need_tile_squares_truncate ON needs;
                DROP FUNCTION IF EXISTS need_tile_squares_truncate();
                """);
        }
    }
}
