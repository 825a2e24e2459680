using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeyMatterReportersOnDemandRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int[]>(
                name: "reporter_needs",
                table: "key_matter_demand",
                type: "integer[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<long[]>(
                name: "reporters",
                table: "key_matter_demand",
                type: "bigint[]",
                nullable: false,
                defaultValueSql: "'{}'");

            // The counted reporters move onto their rows, so nothing has to be rebuilt.
            migrationBuilder.Sql("""
                UPDATE key_matter_demand d
                SET reporters = r.reporters, reporter_needs = r.needs
                FROM (SELECT jurisdiction_code, day, category_code, topic,
                        array_agg(reporter ORDER BY reporter) AS reporters, array_agg(needs ORDER BY reporter) AS needs
                      FROM key_matter_reporters WHERE needs > 0
                      GROUP BY jurisdiction_code, day, category_code, topic) AS r
                WHERE d.jurisdiction_code = r.jurisdiction_code AND d.day = r.day AND d.category_code = r.category_code AND d.topic = r.topic;
                """);

            migrationBuilder.DropTable(
                name: "key_matter_reporters");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "key_matter_reporters",
                columns: table => new
                {
                    jurisdiction_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    category_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    topic = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reporter = table.Column<long>(type: "bigint", nullable: false),
                    needs = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_key_matter_reporters", x => new { x.jurisdiction_code, x.day, x.category_code, x.topic, x.reporter });
                });

            migrationBuilder.Sql("""
                INSERT INTO key_matter_reporters (jurisdiction_code, day, category_code, topic, reporter, needs)
                SELECT d.jurisdiction_code, d.day, d.category_code, d.topic, r.reporter, r.needs
                FROM key_matter_demand d, unnest(d.reporters, d.reporter_needs) AS r(reporter, needs);
                """);

            migrationBuilder.DropColumn(
                name: "reporter_needs",
                table: "key_matter_demand");

            migrationBuilder.DropColumn(
                name: "reporters",
                table: "key_matter_demand");
        }
    }
}
