using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// <c>need_tile_squares</c>, the clustered needs tiles' counts (<c>Weather/Tiles/TileSquares</c>): a derived table kept by raw SQL
    /// only, so it is not part of the EF model; filled here from the needs already counted.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261205063000_NeedTileSquares")]
    public partial class NeedTileSquares : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The squares as TileSquares.CountedSquaresSql counted them when this migration was written, written out: a migration
            // is history, so it neither changes when the feature does nor reaches up into it.
            migrationBuilder.Sql("""
                CREATE TABLE need_tile_squares (
                    level smallint NOT NULL,
                    tx integer NOT NULL,
                    ty integer NOT NULL,
                    gx integer NOT NULL,
                    gy integer NOT NULL,
                    category_code character varying(64) NOT NULL,
                    count integer NOT NULL,
                    CONSTRAINT pk_need_tile_squares PRIMARY KEY (level, tx, ty, gx, gy, category_code) INCLUDE (count));
                INSERT INTO need_tile_squares (level, tx, ty, gx, gy, category_code, count)
                SELECT level, gx >> 5, gy >> 5, gx, gy, cat, sum(n)::int
                FROM (
                    SELECT l.level, floor((x.lon + 180.0) / 360.0 * power(2.0, l.level))::int AS gx, floor((1.0 - ln(tan(radians(x.lat)) + 1.0 / cos(radians(x.lat))) / pi()) / 2.0 * power(2.0, l.level))::int AS gy, x.cat, x.n
                    FROM (
                        SELECT ST_X(location) AS lon, ST_Y(location) AS lat, category_code AS cat, 1 AS n FROM needs
                        UNION ALL
                        SELECT after_longitude, after_latitude, after_category_code, -1 FROM pending_rollups
                        UNION ALL
                        SELECT before_longitude, before_latitude, before_category_code, 1 FROM pending_rollups WHERE before_longitude IS NOT NULL) x
                    CROSS JOIN (VALUES (17::smallint), (18::smallint), (19::smallint)) AS l(level)) s
                GROUP BY 1, 2, 3, 4, 5, 6
                HAVING sum(n) <> 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE need_tile_squares;");
        }
    }
}
