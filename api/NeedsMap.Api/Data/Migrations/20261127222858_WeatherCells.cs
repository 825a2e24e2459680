using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class WeatherCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cell_demand",
                columns: table => new
                {
                    resolution = table.Column<short>(type: "smallint", nullable: false),
                    q = table.Column<int>(type: "integer", nullable: false),
                    r = table.Column<int>(type: "integer", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    category_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    channel_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    jurisdiction_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    weight = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cell_demand", x => new { x.resolution, x.q, x.r, x.day, x.category_code, x.channel_code });
                });

            migrationBuilder.CreateTable(
                name: "cell_demand_blocks",
                columns: table => new
                {
                    resolution = table.Column<short>(type: "smallint", nullable: false),
                    block_days = table.Column<short>(type: "smallint", nullable: false),
                    block_start = table.Column<DateOnly>(type: "date", nullable: false),
                    q = table.Column<int>(type: "integer", nullable: false),
                    r = table.Column<int>(type: "integer", nullable: false),
                    jurisdiction_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    weight = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cell_demand_blocks", x => new { x.resolution, x.block_days, x.block_start, x.q, x.r });
                });

            migrationBuilder.CreateTable(
                name: "cells",
                columns: table => new
                {
                    resolution = table.Column<short>(type: "smallint", nullable: false),
                    q = table.Column<int>(type: "integer", nullable: false),
                    r = table.Column<int>(type: "integer", nullable: false),
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    jurisdiction_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    jurisdiction_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    centre = table.Column<Point>(type: "geometry(Point,4326)", nullable: false),
                    boundary = table.Column<Polygon>(type: "geometry(Polygon,4326)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cells", x => new { x.resolution, x.q, x.r });
                });

            migrationBuilder.CreateTable(
                name: "demand_warnings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scope_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    jurisdiction_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    jurisdiction_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    window_start = table.Column<DateOnly>(type: "date", nullable: false),
                    window_end = table.Column<DateOnly>(type: "date", nullable: false),
                    observed = table.Column<int>(type: "integer", nullable: false),
                    expected = table.Column<double>(type: "double precision", nullable: false),
                    p_value = table.Column<double>(type: "double precision", nullable: false),
                    test = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    evidence = table.Column<string>(type: "jsonb", nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_demand_warnings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cell_demand_resolution_day",
                table: "cell_demand",
                columns: new[] { "resolution", "day" })
                .Annotation("Npgsql:IndexInclude", new[] { "q", "r", "count", "weight" });

            migrationBuilder.CreateIndex(
                name: "ix_cells_boundary",
                table: "cells",
                column: "boundary")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_cells_id",
                table: "cells",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cells_jurisdiction_path",
                table: "cells",
                column: "jurisdiction_path")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_demand_warnings_jurisdiction_path",
                table: "demand_warnings",
                column: "jurisdiction_path")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_demand_warnings_raised_at",
                table: "demand_warnings",
                column: "raised_at");

            migrationBuilder.CreateIndex(
                name: "ix_demand_warnings_scope_scope_key_window_end",
                table: "demand_warnings",
                columns: new[] { "scope", "scope_key", "window_end" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cell_demand");

            migrationBuilder.DropTable(
                name: "cell_demand_blocks");

            migrationBuilder.DropTable(
                name: "cells");

            migrationBuilder.DropTable(
                name: "demand_warnings");
        }
    }
}
