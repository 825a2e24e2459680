using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// Issue #17: each need's masked text (Security/Privacy/MaskedTexts), searched by roles without personal data instead
    /// of the text itself. A derived table with no entity of its own (the model and its snapshot are unchanged); it goes
    /// with its need, and the server fills it for the needs already stored when it starts.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261204120000_NeedMaskedTexts")]
    public partial class NeedMaskedTexts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE need_masked_texts (
                  need_id bigint PRIMARY KEY REFERENCES needs (id) ON DELETE CASCADE,
                  text text NOT NULL,
                  version integer NOT NULL);
                CREATE INDEX ix_need_masked_texts_text ON need_masked_texts USING gin (text gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS need_masked_texts");
        }
    }
}
