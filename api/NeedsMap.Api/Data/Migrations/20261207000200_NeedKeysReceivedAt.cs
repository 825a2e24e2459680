using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <summary>
    /// Issue #18 item 4: <c>need_keys</c> keeps each need's <c>received_at</c> too, the key of the partition the need lives in.
    /// A read of needs by id alone probes every quarter's primary key for each id (44 probes an id over ten years: 5,000 ids
    /// read in 373–1,525 ms at ten million needs); through <c>need_keys</c> each id names its partition and PostgreSQL prunes
    /// the others while it runs (Data/Sql/NeedsById). The trigger that keeps the keys keeps the time as well, also when an
    /// update moves a need to another quarter.
    /// </summary>
    [DbContext(typeof(NeedsMapDbContext))]
    [Migration("20261207000200_NeedKeysReceivedAt")]
    public partial class NeedKeysReceivedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
ALTER TABLE need_keys ADD COLUMN received_at timestamp with time zone;
UPDATE need_keys k SET received_at = n.received_at FROM needs n WHERE n.id = k.need_id;
ALTER TABLE need_keys ALTER COLUMN received_at SET NOT NULL;

CREATE OR REPLACE FUNCTION needs_keep_keys() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    -- An UPDATE that moves a need to another partition deletes and inserts it; by the time this AFTER trigger runs the
    -- need is there again, and its key (with everything referencing it) must stay.
    IF NOT EXISTS (SELECT 1 FROM needs WHERE id = OLD.id) THEN
      DELETE FROM need_keys WHERE need_id = OLD.id;
    END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO need_keys (need_id, channel_code, external_id, received_at) VALUES (NEW.id, NEW.channel_code, NEW.external_id, NEW.received_at)
    ON CONFLICT (need_id) DO UPDATE SET channel_code = excluded.channel_code, external_id = excluded.external_id, received_at = excluded.received_at
      WHERE (need_keys.channel_code, need_keys.external_id, need_keys.received_at)
        IS DISTINCT FROM (excluded.channel_code, excluded.external_id, excluded.received_at);
  END IF;
  RETURN NULL;
END
$fn$;
DROP TRIGGER needs_keep_keys ON needs;
CREATE TRIGGER needs_keep_keys AFTER INSERT OR DELETE OR UPDATE OF id, channel_code, external_id, received_at ON needs
  FOR EACH ROW EXECUTE FUNCTION needs_keep_keys();
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
CREATE OR REPLACE FUNCTION needs_keep_keys() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
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
DROP TRIGGER needs_keep_keys ON needs;
CREATE TRIGGER needs_keep_keys AFTER INSERT OR DELETE OR UPDATE OF id, channel_code, external_id ON needs
  FOR EACH ROW EXECUTE FUNCTION needs_keep_keys();
ALTER TABLE need_keys DROP COLUMN received_at;
""");
        }
    }
}
