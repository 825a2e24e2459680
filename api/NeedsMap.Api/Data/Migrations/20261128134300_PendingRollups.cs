using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class PendingRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pending_rollups",
                columns: table => new
                {
                    seq = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    need_id = table.Column<long>(type: "bigint", nullable: false),
                    before_longitude = table.Column<double>(type: "double precision", nullable: true),
                    before_latitude = table.Column<double>(type: "double precision", nullable: true),
                    before_received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    before_category_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    before_channel_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    before_weight = table.Column<double>(type: "double precision", nullable: true),
                    after_longitude = table.Column<double>(type: "double precision", nullable: false),
                    after_latitude = table.Column<double>(type: "double precision", nullable: false),
                    after_received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    after_category_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    after_channel_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    after_weight = table.Column<double>(type: "double precision", nullable: false),
                    jurisdiction_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    jurisdiction_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pending_rollups", x => x.seq);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pending_rollups");
        }
    }
}
