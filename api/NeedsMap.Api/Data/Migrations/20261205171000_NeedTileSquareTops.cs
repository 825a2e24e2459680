using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// Issue #18 items 3–4: needs tiles at zooms 12–14 read rows that grew with the needs a square holds (~29 categories a
    /// square at 10M needs against ~7 at 1M). <c>need_tile_square_tops</c> keeps each square's count and most frequent category
    /// (<c>Weather/Tiles/TileSquareTops</c>), so an unfiltered tile reads one row per square; an index puts the category
    /// before the square, so a categories tile reads only its categories' rows. Filled here from the squares already counted
    /// (set-based), emptied with the needs or the squares on TRUNCATE. Derived and kept by raw SQL, not in the EF model.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261205171000_NeedTileSquareTops")]
    public partial class NeedTileSquareTops : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The tops as TileSquareTops counted them when this migration was written, written out (a migration is history).
            migrationBuilder.Sql("""
                CREATE TABLE need_tile_square_tops (
                    level smallint NOT NULL,
                    tx integer NOT NULL,
                    ty integer NOT NULL,
                    gx integer NOT NULL,
                    gy integer NOT NULL,
                    count integer NOT NULL,
                    category_code character varying(64) NOT NULL,
                    CONSTRAINT pk_need_tile_square_tops PRIMARY KEY (level, tx, ty, gx, gy) INCLUDE (count, category_code));
                INSERT INTO need_tile_square_tops (level, tx, ty, gx, gy, count, category_code)
                SELECT s.level, s.tx, s.ty, s.gx, s.gy, sum(s.count)::int, (array_agg(s.category_code ORDER BY s.count DESC, s.category_code))[1]
                FROM need_tile_squares s
                GROUP BY 1, 2, 3, 4, 5
                HAVING sum(s.count) > 0;
                CREATE INDEX ix_need_tile_squares_category ON need_tile_squares (level, tx, ty, category_code, gx, gy) INCLUDE (count);
                CREATE FUNCTION need_tile_square_tops_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  DELETE FROM need_tile_square_tops;
                  RETURN NULL;
                END
                $fn$;
                CREATE TRIGGER need_tile_square_tops_truncate AFTER TRUNCATE ON needs
                  FOR EACH STATEMENT EXECUTE FUNCTION need_tile_square_tops_truncate();
                CREATE TRIGGER need_tile_square_tops_truncate AFTER TRUNCATE ON need_tile_squares
                  FOR EACH STATEMENT EXECUTE FUNCTION need_tile_square_tops_truncate();
                ANALYZE need_tile_square_tops;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS need_tile_square_tops_truncate ON needs;
                DROP TRIGGER IF EXISTS need_tile_square_tops_truncate ON need_tile_squares;
                DROP FUNCTION IF EXISTS need_tile_square_tops_truncate();
                DROP INDEX IF EXISTS ix_need_tile_squares_category;
                DROP TABLE need_tile_square_tops;
                """);
        }
    }
}
