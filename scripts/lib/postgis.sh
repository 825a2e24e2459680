#!/usr/bin/env bash
# Sourced by scripts/run and scripts/test. Ensures a PostgreSQL 15 + PostGIS 3 server the project can use
# and exports NEEDSMAP_DB (an Npgsql connection string to the maintenance database) for the caller.
# With NEEDSMAP_DB already set, it uses that server and starts nothing.

PG_VERSION=15
PG_BIN="/usr/lib/postgresql/${PG_VERSION}/bin"
NEEDSMAP_PG_PORT="${NEEDSMAP_PG_PORT:-55432}"
NEEDSMAP_PG_OWNER="${NEEDSMAP_PG_OWNER:-needsmap}"

log() { printf '[needsmap] %s\n' "$*" >&2; }

ensure_debian_packages() {
  local missing=()
  [ -x "$PG_BIN/postgres" ] || missing+=("postgresql-${PG_VERSION}")
  [ -f "/usr/share/postgresql/${PG_VERSION}/extension/postgis.control" ] || missing+=("postgresql-${PG_VERSION}-postgis-3")
  command -v psql >/dev/null 2>&1 || missing+=("postgresql-client-${PG_VERSION}")
  if [ "$#" -gt 0 ]; then
    local extra
    for extra in "$@"; do
      # "command:package", or "/a/file:package" for packages without a command (fonts)
      case "$extra" in
        /*) [ -e "${extra%%:*}" ] || missing+=("${extra#*:}") ;;
        *) command -v "${extra%%:*}" >/dev/null 2>&1 || missing+=("${extra#*:}") ;;
      esac
    done
  fi
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${missing[*]} from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null \
      || { log "apt-get install ${missing[*]} failed"; return 1; }
  else
    log "missing: ${missing[*]}"
    log "install them with: sudo apt-get install ${missing[*]}  (or set NEEDSMAP_DB to an existing PostGIS)"
    return 1
  fi
}

# PostgreSQL refuses to run as root, so as root the cluster belongs to an unprivileged system user.
ensure_owner() {
  if [ "$(id -u)" -ne 0 ]; then
    NEEDSMAP_PG_OWNER="$(id -un)"
    return 0
  fi
  if ! id "$NEEDSMAP_PG_OWNER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$NEEDSMAP_PG_OWNER"
  fi
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid="$NEEDSMAP_PG_OWNER" --regid="$NEEDSMAP_PG_OWNER" --init-groups -- "$@"
  else
    "$@"
  fi
}

# The cluster lives under the project's .data/; if the owner cannot reach that folder (a checkout under
# /root, say), it lives in a per-project folder under /var/tmp instead, and we say so.
choose_cluster_dir() {
  local project_dir="$1"
  local preferred="$project_dir/.data/postgres"
  mkdir -p "$project_dir/.data"
  if [ "$(id -u)" -eq 0 ]; then
    chmod 755 "$project_dir/.data"
    if ! setpriv --reuid="$NEEDSMAP_PG_OWNER" --regid="$NEEDSMAP_PG_OWNER" --init-groups -- test -x "$project_dir/.data"; then
      local hash
      hash="$(printf '%s' "$project_dir" | sha1sum | cut -c1-12)"
      preferred="/var/tmp/needsmap-${hash}/postgres"
      log "user $NEEDSMAP_PG_OWNER cannot reach $project_dir; the cluster lives in $preferred"
      mkdir -p "$(dirname "$preferred")"
      chown "$NEEDSMAP_PG_OWNER:" "$(dirname "$preferred")"
    fi
  fi
  printf '%s' "$preferred"
}

start_private_cluster() {
  local project_dir="$1"
  ensure_owner
  local dir
  dir="$(choose_cluster_dir "$project_dir")"
  NEEDSMAP_PG_DIR="$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    log "creating a private PostGIS cluster in $dir (port $NEEDSMAP_PG_PORT)"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown "$NEEDSMAP_PG_OWNER:" "$dir"
    chmod 700 "$dir"
    as_owner "$PG_BIN/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null \
      || { log "initdb failed"; return 1; }
    cat >> "$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $NEEDSMAP_PG_PORT
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 512MB
work_mem = 32MB
maintenance_work_mem = 256MB
fsync = ${NEEDSMAP_PG_FSYNC:-on}
synchronous_commit = off
max_wal_size = 2GB
CONF
  fi
  if as_owner "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    # Connect where it listens: the cluster may have been started earlier with another NEEDSMAP_PG_PORT (line 4 of the pid file).
    local running_port
    running_port="$(sed -n 4p "$dir/postmaster.pid")"
    if [ -n "$running_port" ] && [ "$running_port" != "$NEEDSMAP_PG_PORT" ]; then
      log "PostGIS already running in $dir on port $running_port (not $NEEDSMAP_PG_PORT): using $running_port"
      NEEDSMAP_PG_PORT="$running_port"
    else
      log "PostGIS already running in $dir"
    fi
    NEEDSMAP_PG_STARTED=0
  else
    # The port is given on the command line, not only in postgresql.conf, so a cluster made with another
    # NEEDSMAP_PG_PORT starts where this run will connect.
    as_owner "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -o "-p $NEEDSMAP_PG_PORT" -w -t 60 start >/dev/null \
      || { log "PostgreSQL did not start; see $dir/server.log"; tail -n 20 "$dir/server.log" >&2; return 1; }
    NEEDSMAP_PG_STARTED=1
  fi
  export NEEDSMAP_DB="Host=127.0.0.1;Port=${NEEDSMAP_PG_PORT};Username=postgres;Database=needsmap"
}

stop_private_cluster() {
  # The standby first: stopped after its primary, its WAL receiver would retry and log until it is stopped too.
  stop_replica_server
  if [ "${NEEDSMAP_PG_STARTED:-0}" = 1 ] && [ -n "${NEEDSMAP_PG_DIR:-}" ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$NEEDSMAP_PG_DIR" -m fast -w stop >/dev/null 2>&1 || true
    log "PostGIS stopped (data kept in $NEEDSMAP_PG_DIR)"
  fi
}

ensure_database_server() {
  local project_dir="$1"
  shift
  if [ -n "${NEEDSMAP_DB:-}" ]; then
    log "using the PostgreSQL named by NEEDSMAP_DB"
    ensure_debian_packages "$@" || true
    return 0
  fi
  ensure_debian_packages "$@" || return 1
  start_private_cluster "$project_dir"
}

# shellcheck source=replica.sh
source "$(dirname "${BASH_SOURCE[0]}")/replica.sh"

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    log "the .NET 10 SDK is missing: install the dotnet-sdk-10.0 package from Microsoft's Debian feed, then rerun"
    return 1
  fi
}
