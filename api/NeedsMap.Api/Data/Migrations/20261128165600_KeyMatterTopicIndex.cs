using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeyMatterTopicIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_key_matter_demand_jurisdiction_code_topic_day",
                table: "key_matter_demand",
                columns: new[] { "jurisdiction_code", "topic", "day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_key_matter_demand_jurisdiction_code_topic_day",
                table: "key_matter_demand");
        }
    }
}
