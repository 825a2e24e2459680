#!/usr/bin/env bash
# Reruns every run of bench/results/subscribers-20000.md with one command (on a quiet machine, please):
#   bench/NeedsMap.Bench.Subscribers/run-20000.sh            # 60 s measured per run, 30 s idle
#   SECONDS_MEASURED=20 IDLE=10 bench/NeedsMap.Bench.Subscribers/run-20000.sh   # shorter, while developing
# It uses NEEDSMAP_DB when set, else starts the private PostGIS of scripts/run (NEEDSMAP_PG_PORT, default 55432).
# The hand-written notes at the end of the results file (from "## Notes") are kept.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [ -z "${NEEDSMAP_DB:-}" ]; then
  # shellcheck source=../../scripts/lib/postgis.sh
  source scripts/lib/postgis.sh
  ensure_database_server "$root"
fi
export NEEDSMAP_DB
seconds="${SECONDS_MEASURED:-60}"
idle="${IDLE:-30}"
port="${PORT:-5630}"
# One server cannot hold 20,000 sockets here: a process may open at most `ulimit -Hn` files (20,000 on the machine these
# results come from), and the server needs descriptors for its database connections, plugin files and logs too.
hard="$(ulimit -Hn)"
ulimit -n "$hard"
one="${ONE_SERVER_SUBSCRIBERS:-$(( hard >= 21000 ? 20000 : 19500 ))}"
[ "${NEEDSMAP_NO_BUILD:-0}" = 1 ] || dotnet build NeedsMap.Graph.sln -c Release -v q -nologo
before="$(uptime)"
results="bench/results"
out="$results/subscribers-20000.md"
notes="$(sed -n '/^## Notes/,$p' "$out" 2>/dev/null || true)"
bench() {
  dotnet run -c Release --no-build --project bench/NeedsMap.Bench.Subscribers -- --rate 1000 --seconds "$seconds" --idle "$idle" --port "$port" "$@" \
    || echo "(the run above did not deliver exactly; see its tables)" >&2
}
bench --subscribers "$one" --servers 1 --filters same --out subscribers-20000-1-same.md
bench --subscribers "$one" --servers 1 --filters mixed --out subscribers-20000-1-mixed.md
bench --subscribers 20000 --servers 2 --filters same --out subscribers-20000-2-same.md
bench --subscribers 20000 --servers 2 --filters mixed --out subscribers-20000-2-mixed.md
{
  echo "# 20,000 WebSocket subscribers: one and two API servers, same and differing filters"
  echo
  echo "Made by \`bench/NeedsMap.Bench.Subscribers/run-20000.sh\` (SECONDS_MEASURED=$seconds IDLE=$idle; per-process open files $(ulimit -n) soft / $hard hard)."
  echo "Each run below names its own command. \`uptime\` before: \`$before\`."
  echo
  for f in 1-same 1-mixed 2-same 2-mixed; do
    cat "$results/subscribers-20000-$f.md"
    echo
    rm -f "$results/subscribers-20000-$f.md"
  done
  echo "\`uptime\` after: \`$(uptime)\`."
  echo
  [ -n "$notes" ] && echo "$notes"
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "Wrote $out"
