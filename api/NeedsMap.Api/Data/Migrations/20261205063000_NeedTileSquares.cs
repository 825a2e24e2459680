using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NeedsMap.Api.Weather.Tiles;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// <c>need_tile_squares</c>, the clustered needs tiles' counts (<see cref="TileSquares"/>): a derived table kept by raw SQL
    /// only, so it is not part of the EF model; filled here from the needs already counted.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261205063000_NeedTileSquares")]
    public partial class NeedTileSquares : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
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
                {TileSquares.CountedSquaresSql};
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE need_tile_squares;");
        }
    }
}
