using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// Issue #18 item 4: needStats' counts kept by a rollup (<c>Needs/Stats/NeedStatRollup</c>). Raw SQL outside the EF model,
    /// like the squares. Triggers on <c>needs</c> write every change of a counted column as signed rows into
    /// <c>need_stat_deltas</c> (insert-only, so concurrent writers never wait on each other's rows); the rollup applier's write
    /// hook folds them into the day, month and all-time tables. Readers add the unfolded deltas, so the sum is exact at any moment.
    /// Filled here from the needs with one INSERT … SELECT … GROUP BY per table, for the city's days in Asia/Shanghai (the
    /// default zone, kept in <c>need_stat_settings</c>; a server configured for another zone reads the needs until
    /// <c>rebuild-cells</c> recounts in its zone). Written out here: a migration is history and does not reach up into the feature.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261205130000_NeedStatRollup")]
    public partial class NeedStatRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE need_stat_settings (
                    id boolean PRIMARY KEY DEFAULT true CHECK (id),
                    zone text NOT NULL);
                INSERT INTO need_stat_settings (zone) VALUES ('Asia/Shanghai');

                -- A need's jurisdiction path cut to its street ('city.street.'): finer keys would barely compress (a 10M city has
                -- ~9,000 needs a day over 544 communities).
                CREATE FUNCTION needsmap_stat_street(path text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
                  SELECT split_part(path, '.', 1) || '.' || CASE WHEN split_part(path, '.', 2) = '' THEN '' ELSE split_part(path, '.', 2) || '.' END
                $fn$;

                CREATE TABLE need_stat_deltas (
                    received_at timestamp with time zone NOT NULL,
                    category_code character varying(64) NOT NULL,
                    channel_code character varying(32) NOT NULL,
                    status character varying(16) NOT NULL,
                    jurisdiction_path character varying(200) NOT NULL,
                    count integer NOT NULL,
                    weight double precision NOT NULL);
                CREATE TABLE need_stat_days (
                    received_at timestamp with time zone NOT NULL,
                    category_code character varying(64) NOT NULL,
                    channel_code character varying(32) NOT NULL,
                    status character varying(16) NOT NULL,
                    jurisdiction_path character varying(200) NOT NULL,
                    count integer NOT NULL,
                    weight double precision NOT NULL,
                    CONSTRAINT pk_need_stat_days PRIMARY KEY (received_at, category_code, channel_code, status, jurisdiction_path) INCLUDE (count, weight));
                CREATE TABLE need_stat_months (
                    received_at timestamp with time zone NOT NULL,
                    category_code character varying(64) NOT NULL,
                    channel_code character varying(32) NOT NULL,
                    status character varying(16) NOT NULL,
                    jurisdiction_path character varying(200) NOT NULL,
                    count integer NOT NULL,
                    weight double precision NOT NULL,
                    CONSTRAINT pk_need_stat_months PRIMARY KEY (received_at, category_code, channel_code, status, jurisdiction_path) INCLUDE (count, weight));
                -- All time, without a date: the all-time question reads as many rows at 10M needs as at 1M.
                CREATE TABLE need_stat_totals (
                    category_code character varying(64) NOT NULL,
                    channel_code character varying(32) NOT NULL,
                    status character varying(16) NOT NULL,
                    jurisdiction_path character varying(200) NOT NULL,
                    count integer NOT NULL,
                    weight double precision NOT NULL,
                    CONSTRAINT pk_need_stat_totals PRIMARY KEY (category_code, channel_code, status, jurisdiction_path) INCLUDE (count, weight));
                -- Rows a fold brought to zero (every need of the key moved on) are deleted through these.
                CREATE INDEX ix_need_stat_days_empty ON need_stat_days (received_at) WHERE count = 0;
                CREATE INDEX ix_need_stat_months_empty ON need_stat_months (received_at) WHERE count = 0;
                CREATE INDEX ix_need_stat_totals_empty ON need_stat_totals (status) WHERE count = 0;

                -- Inserts and deletes: one grouped insert per statement from its transition table (a bulk file's chunk is one
                -- statement). Statement triggers on the parent do not fire for rows moved between partitions, which is right:
                -- the quarter upkeep's moves change no count.
                CREATE FUNCTION needsmap_stat_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
                DECLARE z text := (SELECT zone FROM need_stat_settings);
                BEGIN
                  INSERT INTO need_stat_deltas (received_at, category_code, channel_code, status, jurisdiction_path, count, weight)
                  SELECT date_trunc('day', received_at, z), category_code, channel_code, status, needsmap_stat_street(jurisdiction_path), count(*), sum(weight)
                  FROM stat_rows GROUP BY 1, 2, 3, 4, 5;
                  RETURN NULL;
                END $fn$;
                CREATE FUNCTION needsmap_stat_deleted() RETURNS trigger LANGUAGE plpgsql AS $fn$
                DECLARE z text := (SELECT zone FROM need_stat_settings);
                BEGIN
                  INSERT INTO need_stat_deltas (received_at, category_code, channel_code, status, jurisdiction_path, count, weight)
                  SELECT date_trunc('day', received_at, z), category_code, channel_code, status, needsmap_stat_street(jurisdiction_path), -count(*), -sum(weight)
                  FROM stat_rows GROUP BY 1, 2, 3, 4, 5;
                  RETURN NULL;
                END $fn$;
                CREATE TRIGGER needs_stat_inserted AFTER INSERT ON needs REFERENCING NEW TABLE AS stat_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION needsmap_stat_inserted();
                CREATE TRIGGER needs_stat_deleted AFTER DELETE ON needs REFERENCING OLD TABLE AS stat_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION needsmap_stat_deleted();

                -- Updates: a row trigger, only when a counted column changes (the WHEN runs without calling the function), so the
                -- many updates of other columns (case links, texts) capture nothing, as an UPDATE transition table would for every
                -- row. BEFORE, because an update that moves a need to another partition fires the BEFORE UPDATE triggers on the
                -- row's old partition but no AFTER UPDATE trigger; the row is locked by then, so OLD is the version being replaced.
                CREATE FUNCTION needsmap_stat_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
                DECLARE z text := (SELECT zone FROM need_stat_settings);
                BEGIN
                  INSERT INTO need_stat_deltas (received_at, category_code, channel_code, status, jurisdiction_path, count, weight) VALUES
                    (date_trunc('day', OLD.received_at, z), OLD.category_code, OLD.channel_code, OLD.status, needsmap_stat_street(OLD.jurisdiction_path), -1, -OLD.weight),
                    (date_trunc('day', NEW.received_at, z), NEW.category_code, NEW.channel_code, NEW.status, needsmap_stat_street(NEW.jurisdiction_path), 1, NEW.weight);
                  RETURN NEW;
                END $fn$;
                CREATE TRIGGER needs_stat_updated BEFORE UPDATE OF received_at, category_code, channel_code, status, jurisdiction_path, weight ON needs
                  FOR EACH ROW WHEN (OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.category_code IS DISTINCT FROM NEW.category_code
                    OR OLD.channel_code IS DISTINCT FROM NEW.channel_code OR OLD.status IS DISTINCT FROM NEW.status
                    OR OLD.jurisdiction_path IS DISTINCT FROM NEW.jurisdiction_path OR OLD.weight IS DISTINCT FROM NEW.weight)
                  EXECUTE FUNCTION needsmap_stat_updated();

                -- A TRUNCATE of the needs fires no row or delete trigger: the rollup empties with them (a DELETE: TRUNCATE here
                -- would collide with a statement truncating several tables).
                CREATE FUNCTION needsmap_stat_truncated() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  DELETE FROM need_stat_deltas;
                  DELETE FROM need_stat_days;
                  DELETE FROM need_stat_months;
                  DELETE FROM need_stat_totals;
                  RETURN NULL;
                END $fn$;
                CREATE TRIGGER needs_stat_truncated AFTER TRUNCATE ON needs FOR EACH STATEMENT EXECUTE FUNCTION needsmap_stat_truncated();

                -- The existing needs, set-based: the days from the needs, the months from the days.
                INSERT INTO need_stat_days (received_at, category_code, channel_code, status, jurisdiction_path, count, weight)
                SELECT date_trunc('day', received_at, 'Asia/Shanghai'), category_code, channel_code, status, needsmap_stat_street(jurisdiction_path),
                       count(*), sum(weight)
                FROM needs GROUP BY 1, 2, 3, 4, 5;
                INSERT INTO need_stat_months (received_at, category_code, channel_code, status, jurisdiction_path, count, weight)
                SELECT date_trunc('month', received_at, 'Asia/Shanghai'), category_code, channel_code, status, jurisdiction_path, sum(count), sum(weight)
                FROM need_stat_days GROUP BY 1, 2, 3, 4, 5;
                INSERT INTO need_stat_totals (category_code, channel_code, status, jurisdiction_path, count, weight)
                SELECT category_code, channel_code, status, jurisdiction_path, sum(count), sum(weight)
                FROM need_stat_months GROUP BY 1, 2, 3, 4;
                ANALYZE need_stat_days;
                ANALYZE need_stat_months;
                ANALYZE need_stat_totals;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS needs_stat_truncated ON needs;
                DROP TRIGGER IF EXISTS needs_stat_updated ON needs;
                DROP TRIGGER IF EXISTS needs_stat_deleted ON needs;
                DROP TRIGGER IF EXISTS needs_stat_inserted ON needs;
                DROP FUNCTION IF EXISTS needsmap_stat_truncated();
                DROP FUNCTION IF EXISTS needsmap_stat_updated();
                DROP FUNCTION IF EXISTS needsmap_stat_deleted();
                DROP FUNCTION IF EXISTS needsmap_stat_inserted();
                DROP TABLE IF EXISTS need_stat_totals;
                DROP TABLE IF EXISTS need_stat_months;
                DROP TABLE IF EXISTS need_stat_days;
                DROP TABLE IF EXISTS need_stat_deltas;
                DROP FUNCTION IF EXISTS needsmap_stat_street(text);
                DROP TABLE IF EXISTS need_stat_settings;
                """);
        }
    }
}
