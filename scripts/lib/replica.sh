#!/usr/bin/env bash
# Sourced by postgis.sh. A streaming-replication hot standby of the private cluster (issue #18 item 5), made with
# PostgreSQL's own machinery: a replication role and a physical slot on the primary, pg_basebackup -R, and a second
# cluster that streams from it. Reads that tolerate lag go there (ConnectionStrings:NeedsMapReadReplica); writes and
# LISTEN/NOTIFY stay on the primary. Exports NEEDSMAP_DB_REPLICA for the caller.
#   NEEDSMAP_PG_REPLICA_PORT  the standby's port (default: the primary's port + 10)

NEEDSMAP_PG_REPLICA_SLOT="needsmap_replica"
NEEDSMAP_PG_REPLICA_ROLE="needsmap_replication"

primary_sql() {
  as_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$NEEDSMAP_PG_PORT" -U postgres -d postgres -tAc "$1"
}

replica_sql() {
  as_owner "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$NEEDSMAP_PG_REPLICA_PORT" -U postgres -d postgres -tAc "$1"
}

# A role that may only replicate, allowed from the loopback, and a slot so the primary keeps the WAL the standby has not
# yet received (without it a standby stopped for a while could not catch up). Each step is skipped when already done.
configure_primary_for_replication() {
  local dir="$1" hba="$1/pg_hba.conf" level
  primary_sql "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$NEEDSMAP_PG_REPLICA_ROLE') THEN
        CREATE ROLE $NEEDSMAP_PG_REPLICA_ROLE WITH REPLICATION LOGIN;
      END IF;
    END \$\$;" || return 1
  if ! grep -qE "^host[[:space:]]+replication[[:space:]]+$NEEDSMAP_PG_REPLICA_ROLE[[:space:]]+127\.0\.0\.1/32" "$hba"; then
    # Trust on the loopback, as the rest of the private cluster: it listens on 127.0.0.1 only.
    printf 'host replication %s 127.0.0.1/32 trust\n' "$NEEDSMAP_PG_REPLICA_ROLE" | as_owner tee -a "$hba" >/dev/null
    primary_sql "SELECT pg_reload_conf()" >/dev/null || return 1
  fi
  # wal_level is replica by default since PostgreSQL 10; a cluster set to minimal is told so (changing it needs a restart).
  level="$(primary_sql "SHOW wal_level")"
  if [ "$level" = minimal ]; then
    printf 'wal_level = replica\nmax_wal_senders = 10\n' | as_owner tee -a "$dir/postgresql.conf" >/dev/null
    as_owner "$PG_BIN/pg_ctl" -D "$dir" -w -t 60 restart -l "$dir/server.log" >/dev/null || return 1
  fi
  # The slot keeps WAL for a standby that is not running (scripts/run does not start it): without a cap, every write made
  # after the tests (a benchmark loading millions of needs) stays in pg_wal until the disk is full and the primary stops.
  # Past the cap PostgreSQL gives the slot up ("lost"); the standby is then copied again below.
  if [ "$(primary_sql "SHOW max_slot_wal_keep_size")" = "-1" ]; then
    primary_sql "ALTER SYSTEM SET max_slot_wal_keep_size = '${NEEDSMAP_PG_SLOT_KEEP:-4GB}'" >/dev/null || return 1
    primary_sql "SELECT pg_reload_conf()" >/dev/null || return 1
  fi
  if [ "$(primary_sql "SELECT wal_status FROM pg_replication_slots WHERE slot_name = '$NEEDSMAP_PG_REPLICA_SLOT'")" = lost ]; then
    log "the standby fell more than max_slot_wal_keep_size behind: its slot is lost, the standby will be copied again"
    primary_sql "SELECT pg_drop_replication_slot('$NEEDSMAP_PG_REPLICA_SLOT')" >/dev/null || return 1
    NEEDSMAP_PG_REPLICA_RECOPY=1
  fi
  primary_sql "SELECT pg_create_physical_replication_slot('$NEEDSMAP_PG_REPLICA_SLOT')
    WHERE NOT EXISTS (SELECT FROM pg_replication_slots WHERE slot_name = '$NEEDSMAP_PG_REPLICA_SLOT')" >/dev/null
}

# The standby's copy belongs to this primary only if both name the same system identifier (a primary made again by
# initdb is another system: its old standby could never follow it).
replica_matches_primary() {
  local dir="$1" primary_id replica_id
  primary_id="$(primary_sql "SELECT system_identifier FROM pg_control_system()")"
  replica_id="$(as_owner "$PG_BIN/pg_controldata" -D "$dir" 2>/dev/null | sed -n 's/^Database system identifier:[[:space:]]*//p')"
  [ -n "$primary_id" ] && [ "$primary_id" = "$replica_id" ]
}

# A checkout's cluster started on another NEEDSMAP_PG_PORT than the one its standby was copied from: the standby's
# primary_conninfo (written by pg_basebackup -R) still names the old port and would never stream.
replica_follows_port() {
  grep -Eq "[' ]port=${NEEDSMAP_PG_PORT}[ ']" "$1/postgresql.auto.conf" 2>/dev/null
}

ensure_replica_server() {
  if [ -z "${NEEDSMAP_PG_DIR:-}" ]; then
    log "a replica is made of the private cluster only; with NEEDSMAP_DB set, set NEEDSMAP_DB_REPLICA to your standby"
    return 1
  fi
  NEEDSMAP_PG_REPLICA_PORT="${NEEDSMAP_PG_REPLICA_PORT:-$((NEEDSMAP_PG_PORT + 10))}"
  local dir
  dir="$(dirname "$NEEDSMAP_PG_DIR")/postgres-replica"
  NEEDSMAP_PG_REPLICA_DIR="$dir"
  configure_primary_for_replication "$NEEDSMAP_PG_DIR" || { log "could not configure the primary for replication"; return 1; }
  if [ -f "$dir/PG_VERSION" ] && { [ "${NEEDSMAP_PG_REPLICA_RECOPY:-0}" = 1 ] || ! replica_matches_primary "$dir" || ! replica_follows_port "$dir"; }; then
    log "the replica in $dir was copied from another primary, lost its slot or follows another port: copying it again"
    as_owner "$PG_BIN/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
  fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    log "copying the primary into a hot standby in $dir (port $NEEDSMAP_PG_REPLICA_PORT)"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown "$NEEDSMAP_PG_OWNER:" "$dir"
    chmod 700 "$dir"
    # -R writes standby.signal and primary_conninfo; -S streams through the slot; -X stream copies the WAL made meanwhile.
    as_owner "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$NEEDSMAP_PG_PORT" -U "$NEEDSMAP_PG_REPLICA_ROLE" -D "$dir" \
      -R -S "$NEEDSMAP_PG_REPLICA_SLOT" -X stream -c fast 2> >(grep -v "skipping special file" >&2) >/dev/null \
      || { log "pg_basebackup failed"; rm -rf "$dir"; return 1; }
    # Later lines win: the copied postgresql.conf names the primary's port and socket folder.
    cat <<CONF | as_owner tee -a "$dir/postgresql.conf" >/dev/null
# the hot standby (scripts/lib/replica.sh)
port = $NEEDSMAP_PG_REPLICA_PORT
unix_socket_directories = '$dir'
hot_standby = on
# Long map reads are not cancelled by the primary's vacuum; the primary keeps the rows they still see.
hot_standby_feedback = on
max_standby_streaming_delay = 30s
CONF
    rm -f "$dir/postmaster.pid" "$dir/server.log"
  fi
  if as_owner "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    log "replica already running in $dir"
    NEEDSMAP_PG_REPLICA_STARTED=0
  else
    as_owner "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null \
      || { log "the replica did not start; see $dir/server.log"; tail -n 20 "$dir/server.log" >&2; return 1; }
    NEEDSMAP_PG_REPLICA_STARTED=1
  fi
  wait_until_streaming 60 || return 1
  export NEEDSMAP_DB_REPLICA="Host=127.0.0.1;Port=${NEEDSMAP_PG_REPLICA_PORT};Username=postgres;Database=needsmap"
}

# Streaming means the primary's WAL sender for our slot says so (pg_stat_replication), not merely that the standby runs.
wait_until_streaming() {
  local seconds="$1" state="" i
  for ((i = 0; i < seconds * 2; i++)); do
    state="$(primary_sql "SELECT r.state FROM pg_stat_replication r JOIN pg_replication_slots s ON s.active_pid = r.pid
      WHERE s.slot_name = '$NEEDSMAP_PG_REPLICA_SLOT'" 2>/dev/null || true)"
    if [ "$state" = streaming ]; then
      log "replica streaming on port $NEEDSMAP_PG_REPLICA_PORT (slot $NEEDSMAP_PG_REPLICA_SLOT)"
      return 0
    fi
    sleep 0.5
  done
  log "the replica is not streaming after ${seconds}s (state '${state:-none}'); see $NEEDSMAP_PG_REPLICA_DIR/server.log"
  tail -n 20 "$NEEDSMAP_PG_REPLICA_DIR/server.log" >&2
  return 1
}

stop_replica_server() {
  if [ "${NEEDSMAP_PG_REPLICA_STARTED:-0}" = 1 ] && [ -n "${NEEDSMAP_PG_REPLICA_DIR:-}" ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$NEEDSMAP_PG_REPLICA_DIR" -m fast -w stop >/dev/null 2>&1 || true
    NEEDSMAP_PG_REPLICA_STARTED=0
    log "replica stopped (data kept in $NEEDSMAP_PG_REPLICA_DIR)"
  fi
}
