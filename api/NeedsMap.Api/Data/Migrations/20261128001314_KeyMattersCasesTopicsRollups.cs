using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeyMattersCasesTopicsRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "case_id",
                table: "needs",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    category_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    need_count = table.Column<int>(type: "integer", nullable: false),
                    jurisdiction_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    jurisdiction_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "key_matter_demand",
                columns: table => new
                {
                    jurisdiction_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    category_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    topic = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    records = table.Column<int>(type: "integer", nullable: false),
                    cases = table.Column<int>(type: "integer", nullable: false),
                    weight = table.Column<double>(type: "double precision", nullable: false),
                    anonymous = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_key_matter_demand", x => new { x.jurisdiction_code, x.day, x.category_code, x.topic });
                });

            migrationBuilder.CreateTable(
                name: "key_matter_needs",
                columns: table => new
                {
                    need_id = table.Column<long>(type: "bigint", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    jurisdiction_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    category_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    weight = table.Column<double>(type: "double precision", nullable: false),
                    opens_case = table.Column<bool>(type: "boolean", nullable: false),
                    reporter = table.Column<long>(type: "bigint", nullable: true),
                    topics = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_key_matter_needs", x => x.need_id);
                    table.ForeignKey(
                        name: "fk_key_matter_needs_needs_need_id",
                        column: x => x.need_id,
                        principalTable: "needs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateTable(
                name: "topic_terms",
                columns: table => new
                {
                    category_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    phrase = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    documents = table.Column<int>(type: "integer", nullable: false),
                    score = table.Column<double>(type: "double precision", nullable: false),
                    learned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_topic_terms", x => new { x.category_code, x.phrase });
                });

            migrationBuilder.CreateIndex(
                name: "ix_needs_case_id",
                table: "needs",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_cases_jurisdiction_path",
                table: "cases",
                column: "jurisdiction_path")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.AddForeignKey(
                name: "fk_needs_cases_case_id",
                table: "needs",
                column: "case_id",
                principalTable: "cases",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_needs_cases_case_id",
                table: "needs");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "key_matter_demand");

            migrationBuilder.DropTable(
                name: "key_matter_needs");

            migrationBuilder.DropTable(
                name: "key_matter_reporters");

            migrationBuilder.DropTable(
                name: "topic_terms");

            migrationBuilder.DropIndex(
                name: "ix_needs_case_id",
                table: "needs");

            migrationBuilder.DropColumn(
                name: "case_id",
                table: "needs");
        }
    }
}
