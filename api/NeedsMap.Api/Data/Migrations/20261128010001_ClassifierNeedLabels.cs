using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClassifierNeedLabels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "need_labels",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    need_id = table.Column<long>(type: "bigint", nullable: false),
                    category_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    previous_category_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    previous_confidence = table.Column<double>(type: "double precision", nullable: true),
                    previous_classifier_version = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    labelled_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    labelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_need_labels", x => x.id);
                    table.ForeignKey(
                        name: "fk_need_labels_categories_category_code",
                        column: x => x.category_code,
                        principalTable: "categories",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_need_labels_needs_need_id",
                        column: x => x.need_id,
                        principalTable: "needs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_need_labels_category_code",
                table: "need_labels",
                column: "category_code");

            migrationBuilder.CreateIndex(
                name: "ix_need_labels_need_id_labelled_at",
                table: "need_labels",
                columns: new[] { "need_id", "labelled_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "need_labels");
        }
    }
}
