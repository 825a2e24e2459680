using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// Issue #18 item 4: needStats' city-wide day rows (<c>need_stat_city_days</c>, <c>Needs/Stats/NeedStatRollup</c>): the day rows
    /// without the street, for the questions no jurisdiction filters or groups (the city's roles, departments). A day's combinations
    /// of category, channel and status fill up as needs a day grow, so a time window reads about as many rows at 10M needs as at 1M,
    /// where the day × street rows grow with the needs a day. Folded from the same deltas in the same statement as its siblings,
    /// emptied with them on a TRUNCATE of the needs; filled here from <c>need_stat_days</c> (already in the rollup's zone) with one
    /// INSERT … SELECT, in key order (a window's rows then lie on few heap pages, and an index-only scan does not hop between
    /// visibility-map pages as it does over need_stat_days at 10M). Written out here: a migration is history and does not reach
    /// up into the feature.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261205170000_NeedStatCityDays")]
    public partial class NeedStatCityDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE need_stat_city_days (
                    received_at timestamp with time zone NOT NULL,
                    category_code character varying(64) NOT NULL,
                    channel_code character varying(32) NOT NULL,
                    status character varying(16) NOT NULL,
                    count integer NOT NULL,
                    weight double precision NOT NULL,
                    CONSTRAINT pk_need_stat_city_days PRIMARY KEY (received_at, category_code, channel_code, status) INCLUDE (count, weight));
                -- Rows a fold brought to zero are deleted through this, as for the siblings.
                CREATE INDEX ix_need_stat_city_days_empty ON need_stat_city_days (received_at) WHERE count = 0;

                CREATE OR REPLACE FUNCTION needsmap_stat_truncated() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  DELETE FROM need_stat_deltas;
                  DELETE FROM need_stat_days;
                  DELETE FROM need_stat_city_days;
                  DELETE FROM need_stat_months;
                  DELETE FROM need_stat_totals;
                  RETURN NULL;
                END $fn$;

                INSERT INTO need_stat_city_days (received_at, category_code, channel_code, status, count, weight)
                SELECT received_at, category_code, channel_code, status, sum(count), sum(weight)
                FROM need_stat_days GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
                ANALYZE need_stat_city_days;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION needsmap_stat_truncated() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  DELETE FROM need_stat_deltas;
                  DELETE FROM need_stat_days;
                  DELETE FROM need_stat_months;
                  DELETE FROM need_stat_totals;
                  RETURN NULL;
                END $fn$;
                DROP TABLE IF EXISTS need_stat_city_days;
                """);
        }
    }
}
