using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class IntakeReceiptsAndChannelExtras : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "deliveries",
                table: "quarantined_records",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "fingerprint",
                table: "quarantined_records",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_received_at",
                table: "quarantined_records",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "attributes",
                table: "needs",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "revised_count",
                table: "channels",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "unchanged_count",
                table: "channels",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Entries from before: the newest open entry of each record takes its external id, so a redelivery updates it;
            // older repeats (what redeliveries added before this) keep a fingerprint of their own.
            migrationBuilder.Sql("""
                UPDATE quarantined_records q SET fingerprint = CASE
                  WHEN q.external_id IS NOT NULL AND q.state = 'Quarantined' AND q.id = (SELECT max(r.id) FROM quarantined_records r
                    WHERE r.channel_code = q.channel_code AND r.external_id = q.external_id AND r.state = 'Quarantined')
                  THEN q.external_id ELSE 'legacy:' || q.id END
                """);

            migrationBuilder.CreateIndex(
                name: "ix_quarantined_records_channel_code_fingerprint",
                table: "quarantined_records",
                columns: new[] { "channel_code", "fingerprint" },
                unique: true,
                filter: "state = 'Quarantined'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_quarantined_records_channel_code_fingerprint",
                table: "quarantined_records");

            migrationBuilder.DropColumn(
                name: "deliveries",
                table: "quarantined_records");

            migrationBuilder.DropColumn(
                name: "fingerprint",
                table: "quarantined_records");

            migrationBuilder.DropColumn(
                name: "last_received_at",
                table: "quarantined_records");

            migrationBuilder.DropColumn(
                name: "attributes",
                table: "needs");

            migrationBuilder.DropColumn(
                name: "revised_count",
                table: "channels");

            migrationBuilder.DropColumn(
                name: "unchanged_count",
                table: "channels");
        }
    }
}
