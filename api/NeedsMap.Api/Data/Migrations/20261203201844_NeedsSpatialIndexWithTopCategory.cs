using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// The needs' spatial GiST gains the top-level category between location and time: case linking's nearest-neighbour scan
    /// then rejects needs of other categories inside the index instead of fetching each from the heap (4.5x fewer buffers in
    /// a dense cluster). Location stays the first column, so map, tile and area filters use it as before.
    /// </summary>
    public partial class NeedsSpatialIndexWithTopCategory : Migration
    {
        public const string IndexName = "ix_needs_location_top_category_received_at";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"CREATE INDEX IF NOT EXISTS {IndexName} ON needs USING gist (location, (split_part(category_code::text, '.', 1)), received_at)");
            migrationBuilder.DropIndex(
                name: "ix_needs_location_received_at",
                table: "needs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_needs_location_received_at",
                table: "needs",
                columns: new[] { "location", "received_at" })
                .Annotation("Npgsql:IndexMethod", "gist");
            migrationBuilder.Sql($"DROP INDEX IF EXISTS {IndexName}");
        }
    }
}
