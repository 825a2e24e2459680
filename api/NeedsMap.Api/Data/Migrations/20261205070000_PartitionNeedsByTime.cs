using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// Issue #18 item 4: needs partitioned by quarter of received_at, the cell rollups by quarter of their day
    /// (docs/partitions.md). EF cannot express partitioning, so the model and its snapshot are unchanged: it still says
    /// what holds logically (a need's id is unique, so is its channel key, its rows go with it), and the database keeps
    /// those promises another way: <c>need_keys</c>, one row per need kept by a trigger, holds id and (channel_code,
    /// external_id) unique across partitions, and the five tables that referenced <c>needs(id)</c> reference it instead.
    /// The conversion moves every row inside the migration's transaction.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261205070000_PartitionNeedsByTime")]
    public partial class PartitionNeedsByTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
-- Quarterly time partitions (docs/partitions.md). Kept in the database so the migration, the upkeep job and the CLI share
-- one definition of a quarter's name and bounds.

-- Names each partition's indexes after its parent's (ix_needs_location_top_category_received_at_2026q4) instead of
-- PostgreSQL's made-up names, so a plan still names the index it uses.
CREATE OR REPLACE FUNCTION needsmap_name_partition_indexes(parent regclass) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  base text := (SELECT relname FROM pg_class WHERE oid = parent);
  rec record;
  wanted text;
BEGIN
  FOR rec IN
    SELECT ci.relname AS index_name, pi.relname AS parent_index, substr(ct.relname, length(base) + 1) AS suffix
    FROM pg_inherits t JOIN pg_class ct ON ct.oid = t.inhrelid
    JOIN pg_index x ON x.indrelid = t.inhrelid JOIN pg_class ci ON ci.oid = x.indexrelid
    JOIN pg_inherits ii ON ii.inhrelid = x.indexrelid JOIN pg_class pi ON pi.oid = ii.inhparent
    WHERE t.inhparent = parent
  LOOP
    wanted := left(rec.parent_index, 63 - length(rec.suffix)) || rec.suffix;
    IF rec.index_name <> wanted THEN
      EXECUTE format('ALTER INDEX %I RENAME TO %I', rec.index_name, wanted);
    END IF;
  END LOOP;
END
$fn$;

-- The partition of `parent` for the quarter (UTC) holding `at`; made when missing. Rows of that quarter already in the
-- DEFAULT partition (a need that arrived before its quarter had a table) are moved into the new one first, because
-- PostgreSQL refuses a partition whose range the DEFAULT partition still holds rows of. Returns true when it made one.
CREATE OR REPLACE FUNCTION needsmap_ensure_quarter(parent regclass, at timestamptz) RETURNS boolean
LANGUAGE plpgsql AS $fn$
DECLARE
  first_day date := date_trunc('quarter', at AT TIME ZONE 'UTC')::date;
  next_day date := (date_trunc('quarter', at AT TIME ZONE 'UTC') + interval '3 months')::date;
  base text := (SELECT relname FROM pg_class WHERE oid = parent);
  name text := base || '_' || to_char(first_day, 'YYYY') || 'q' || to_char(first_day, 'Q');
  fallback text := base || '_default';
  key text;
  is_instant boolean;
  lo text;
  hi text;
  stray boolean;
BEGIN
  IF to_regclass(name) IS NOT NULL THEN
    RETURN false;
  END IF;
  -- The parent first, as every insert takes it (then its partitions): taken later, after the DEFAULT partition, the
  -- lock would deadlock with a concurrent insert. Held until this transaction ends; the check is repeated under it.
  EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', parent);
  IF to_regclass(name) IS NOT NULL THEN
    RETURN false;
  END IF;
  SELECT a.attname, a.atttypid = 'timestamptz'::regtype INTO key, is_instant
  FROM pg_partitioned_table p JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
  WHERE p.partrelid = parent;
  -- Bounds at midnight UTC, written with their offset so the session's time zone cannot move them.
  lo := CASE WHEN is_instant THEN quote_literal(first_day::timestamp AT TIME ZONE 'UTC') ELSE quote_literal(first_day) END;
  hi := CASE WHEN is_instant THEN quote_literal(next_day::timestamp AT TIME ZONE 'UTC') ELSE quote_literal(next_day) END;
  IF to_regclass(fallback) IS NOT NULL THEN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I >= %s AND %I < %s)', fallback, key, lo, key, hi) INTO stray;
  ELSE
    stray := false;
  END IF;
  IF stray THEN
    -- Detached, the DEFAULT partition loses the parent's triggers, so deleting the moved rows from it touches no key
    -- (need_keys) and nothing that references one; inserting them into the new partition re-asserts the same keys.
    EXECUTE format('ALTER TABLE %s DETACH PARTITION %I', parent, fallback);
    EXECUTE format('CREATE TABLE %I PARTITION OF %s FOR VALUES FROM (%s) TO (%s)', name, parent, lo, hi);
    EXECUTE format('INSERT INTO %I SELECT * FROM %I WHERE %I >= %s AND %I < %s', name, fallback, key, lo, key, hi);
    EXECUTE format('DELETE FROM %I WHERE %I >= %s AND %I < %s', fallback, key, lo, key, hi);
    EXECUTE format('ALTER TABLE %s ATTACH PARTITION %I DEFAULT', parent, fallback);
  ELSE
    EXECUTE format('CREATE TABLE %I PARTITION OF %s FOR VALUES FROM (%s) TO (%s)', name, parent, lo, hi);
  END IF;
  PERFORM needsmap_name_partition_indexes(parent);
  RETURN true;
END
$fn$;

-- Turns `tbl` into a table partitioned by range of `key` without losing a row: set the old one aside, make the
-- partitioned one with the same columns, one partition per quarter the rows span (and a DEFAULT), move the rows, then
-- recreate the old table's indexes and foreign keys on the parent (partitions inherit them). A unique index or primary
-- key that lacks the key gets it appended, as PostgreSQL requires. Tables that reference `tbl` are the caller's affair.
CREATE OR REPLACE FUNCTION needsmap_partition_by_quarter(tbl text, key text) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  old_name text := tbl || '_unpartitioned';
  rec record;
  lo timestamptz;
  hi timestamptz;
  q timestamptz;
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS needsmap_saved_ddl (seq serial, ddl text) ON COMMIT DROP;
  DELETE FROM needsmap_saved_ddl;
  -- Constraints first (primary key, unique, foreign keys out), then plain indexes.
  FOR rec IN
    SELECT c.conname, c.contype, pg_get_constraintdef(c.oid) AS def,
           EXISTS (SELECT 1 FROM unnest(c.conkey) k JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k WHERE a.attname = key) AS has_key
    FROM pg_constraint c WHERE c.conrelid = tbl::regclass AND c.contype IN ('p', 'u', 'f') ORDER BY c.contype DESC, c.conname
  LOOP
    INSERT INTO needsmap_saved_ddl (ddl) VALUES (format('ALTER TABLE %I ADD CONSTRAINT %I %s', tbl, rec.conname,
      CASE WHEN rec.contype IN ('p', 'u') AND NOT rec.has_key THEN regexp_replace(rec.def, '\)$', ', ' || quote_ident(key) || ')') ELSE rec.def END));
  END LOOP;
  FOR rec IN
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def, i.indisunique,
           EXISTS (SELECT 1 FROM unnest(i.indkey::int2[]) k JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k WHERE a.attname = key) AS has_key
    FROM pg_index i WHERE i.indrelid = tbl::regclass
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
  LOOP
    INSERT INTO needsmap_saved_ddl (ddl) VALUES (
      CASE WHEN rec.indisunique AND NOT rec.has_key THEN regexp_replace(rec.def, '\)$', ', ' || quote_ident(key) || ')') ELSE rec.def END);
    EXECUTE format('DROP INDEX %s', rec.name);
  END LOOP;
  FOR rec IN SELECT conname FROM pg_constraint WHERE conrelid = tbl::regclass AND contype IN ('p', 'u', 'f') ORDER BY contype
  LOOP
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', tbl, rec.conname);
  END LOOP;
  EXECUTE format('ALTER TABLE %I RENAME TO %I', tbl, old_name);
  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION) PARTITION BY RANGE (%I)',
    tbl, old_name, key);
  EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', tbl || '_default', tbl);
  -- The quarters the rows span, and the ones up to a quarter ahead of today.
  EXECUTE format('SELECT min(%I)::timestamptz, max(%I)::timestamptz FROM %I', key, key, old_name) INTO lo, hi;
  lo := least(coalesce(lo, now()), now());
  hi := greatest(coalesce(hi, now()), now() + interval '3 months');
  q := date_trunc('quarter', lo AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  WHILE q <= hi LOOP
    PERFORM needsmap_ensure_quarter(tbl::regclass, q);
    q := ((q AT TIME ZONE 'UTC') + interval '3 months') AT TIME ZONE 'UTC';
  END LOOP;
  EXECUTE format('INSERT INTO %I SELECT * FROM %I', tbl, old_name);
  EXECUTE format('DROP TABLE %I', old_name);
  FOR rec IN SELECT ddl FROM needsmap_saved_ddl ORDER BY seq
  LOOP
    EXECUTE rec.ddl;
  END LOOP;
  PERFORM needsmap_name_partition_indexes(tbl::regclass);
  EXECUTE format('ANALYZE %I', tbl);
END
$fn$;
""");
            migrationBuilder.Sql("""
-- Needs and the day-keyed cell rollups, partitioned by quarter (docs/partitions.md). Runs once, in the migration's
-- transaction: either every row is in the partitioned tables or nothing changed.

-- 1. The five tables that reference needs(id) let go of it (they reference need_keys below instead).
ALTER TABLE need_history DROP CONSTRAINT fk_need_history_needs_need_id;
ALTER TABLE whistle_needs DROP CONSTRAINT fk_whistle_needs_needs_need_id;
ALTER TABLE key_matter_needs DROP CONSTRAINT fk_key_matter_needs_needs_need_id;
ALTER TABLE need_labels DROP CONSTRAINT fk_need_labels_needs_need_id;
ALTER TABLE need_masked_texts DROP CONSTRAINT need_masked_texts_need_id_fkey;

-- 2. needs by received_at. Its primary key becomes (id, received_at) and the channel's key (channel_code, external_id,
-- received_at): PostgreSQL wants the partition key in every unique index. id stays unique because only its identity
-- sequence makes ids, and need_keys below holds both id and (channel_code, external_id) unique across partitions.
SELECT needsmap_partition_by_quarter('needs', 'received_at');
ALTER TABLE needs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('needs', 'id'), coalesce((SELECT max(id) FROM needs), 0) + 1, false);

-- 3. The global keys a partitioned table cannot hold: one row per need, kept by a trigger.
CREATE TABLE need_keys (
  need_id bigint NOT NULL CONSTRAINT pk_need_keys PRIMARY KEY,
  channel_code varchar(32) NOT NULL,
  external_id varchar(128) NOT NULL,
  CONSTRAINT ux_need_keys_channel_code_external_id UNIQUE (channel_code, external_id));
INSERT INTO need_keys (need_id, channel_code, external_id) SELECT id, channel_code, external_id FROM needs;

CREATE FUNCTION needs_keep_keys() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    -- An UPDATE that moves a need to another partition deletes and inserts it; by the time this AFTER trigger runs the
    -- need is there again, and its key (with everything referencing it) must stay.
    IF NOT EXISTS (SELECT 1 FROM needs WHERE id = OLD.id) THEN
      DELETE FROM need_keys WHERE need_id = OLD.id;
    END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO need_keys (need_id, channel_code, external_id) VALUES (NEW.id, NEW.channel_code, NEW.external_id)
    ON CONFLICT (need_id) DO UPDATE SET channel_code = excluded.channel_code, external_id = excluded.external_id
      WHERE (need_keys.channel_code, need_keys.external_id) IS DISTINCT FROM (excluded.channel_code, excluded.external_id);
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER needs_keep_keys AFTER INSERT OR DELETE OR UPDATE OF id, channel_code, external_id ON needs
  FOR EACH ROW EXECUTE FUNCTION needs_keep_keys();
-- TRUNCATE fires no row trigger, and TRUNCATE needs ... CASCADE no longer reaches the tables that reference need_keys:
-- the keys go too (a DELETE: a TRUNCATE here would collide with the tables the same statement is truncating), and
-- their rows with them.
CREATE FUNCTION needs_truncate_keys() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM need_keys;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER needs_truncate_keys AFTER TRUNCATE ON needs FOR EACH STATEMENT EXECUTE FUNCTION needs_truncate_keys();

-- 4. The five references, by their old names, now to need_keys: a need's rows still go with it (the key's delete cascades).
ALTER TABLE need_history ADD CONSTRAINT fk_need_history_needs_need_id FOREIGN KEY (need_id) REFERENCES need_keys (need_id) ON DELETE CASCADE;
ALTER TABLE whistle_needs ADD CONSTRAINT fk_whistle_needs_needs_need_id FOREIGN KEY (need_id) REFERENCES need_keys (need_id) ON DELETE CASCADE;
ALTER TABLE key_matter_needs ADD CONSTRAINT fk_key_matter_needs_needs_need_id FOREIGN KEY (need_id) REFERENCES need_keys (need_id) ON DELETE CASCADE;
ALTER TABLE need_labels ADD CONSTRAINT fk_need_labels_needs_need_id FOREIGN KEY (need_id) REFERENCES need_keys (need_id) ON DELETE CASCADE;
ALTER TABLE need_masked_texts ADD CONSTRAINT need_masked_texts_need_id_fkey FOREIGN KEY (need_id) REFERENCES need_keys (need_id) ON DELETE CASCADE;

-- 5. The cell rollups by their day (primary keys already hold it).
SELECT needsmap_partition_by_quarter('cell_demand', 'day');
SELECT needsmap_partition_by_quarter('cell_demand_blocks', 'block_start');
-- The conversion's helper is not needed again; needsmap_ensure_quarter stays for the upkeep (Partitions/PartitionUpkeep).
DROP FUNCTION needsmap_partition_by_quarter(text, text);
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            // Going back means moving every row again into unpartitioned tables, while detached partitions may hold rows
            // the parent no longer sees; restore the backup taken before the upgrade instead (docs/partitions.md).
            throw new NotSupportedException("PartitionNeedsByTime cannot be reverted in place; restore the pre-upgrade backup (docs/partitions.md).");
    }
}
