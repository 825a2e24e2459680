using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditExports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "need_id",
                table: "audit_log",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AlterColumn<string>(
                name: "fields",
                table: "audit_log",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<string>(
                name: "action",
                table: "audit_log",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "personal_data_read");

            migrationBuilder.AddColumn<bool>(
                name: "completed",
                table: "audit_log",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "export_format",
                table: "audit_log",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "export_kind",
                table: "audit_log",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "export_parameters",
                table: "audit_log",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "export_rows",
                table: "audit_log",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "finished_at",
                table: "audit_log",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "action",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "completed",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "export_format",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "export_kind",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "export_parameters",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "export_rows",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "finished_at",
                table: "audit_log");

            migrationBuilder.AlterColumn<long>(
                name: "need_id",
                table: "audit_log",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "fields",
                table: "audit_log",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000);
        }
    }
}
