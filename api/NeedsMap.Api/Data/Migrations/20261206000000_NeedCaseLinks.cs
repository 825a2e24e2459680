using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// Issue #18 items 6 and 7: a need's link into a case moves from <c>needs.case_id</c> to a narrow table of its own,
    /// <c>need_cases</c> (Cases/CaseLinker writes it as needs are counted). Linking updated the wide needs row, which has eleven
    /// indexes (a trigram GIN and two GiSTs among them) and one of them on case_id, so no link was a HOT update: each
    /// rewrote the row and added an entry to every index (106 µs a need in the subscriber bench, 0 of 54,415 updates HOT),
    /// and left a dead row for vacuum to clear from every index. A link is now one small row. Raw SQL outside the EF model,
    /// like <c>cell_window_counts</c>. The link goes with the need (need_keys) and with the case, as the old column's
    /// ON DELETE SET NULL let it go.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261206000000_NeedCaseLinks")]
    public partial class NeedCaseLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE need_cases (
                    need_id bigint NOT NULL CONSTRAINT pk_need_cases PRIMARY KEY
                      CONSTRAINT fk_need_cases_need_keys_need_id REFERENCES need_keys (need_id) ON DELETE CASCADE,
                    case_id bigint NOT NULL
                      CONSTRAINT fk_need_cases_cases_case_id REFERENCES cases (id) ON DELETE CASCADE);
                INSERT INTO need_cases (need_id, case_id) SELECT id, case_id FROM needs WHERE case_id IS NOT NULL ORDER BY id;
                CREATE INDEX ix_need_cases_case_id ON need_cases (case_id) INCLUDE (need_id);
                ANALYZE need_cases;
                -- Takes its index and foreign key with it; on a partitioned table only the catalog changes.
                ALTER TABLE needs DROP COLUMN case_id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE needs ADD COLUMN case_id bigint;
                UPDATE needs n SET case_id = l.case_id FROM need_cases l WHERE l.need_id = n.id;
                CREATE INDEX ix_needs_case_id ON needs (case_id);
                ALTER TABLE needs ADD CONSTRAINT fk_needs_cases_case_id FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE SET NULL;
                DROP TABLE need_cases;
                """);
        }
    }
}
