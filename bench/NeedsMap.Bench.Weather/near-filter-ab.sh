#!/usr/bin/env bash
# The near filter's count, before and after session 23, on any bench database:
#   A: ST_DWithin on location::geography, served by a GiST on that expression (built inside the transaction, not timed)
#   B: the location GiST narrowed by a box in degrees (Data/Sql/MetreBox), then the same ST_DWithin (the product now)
#   DB=needsmap_bench_subscribers LON=120.075 LAT=29.306 bench/NeedsMap.Bench.Weather/near-filter-ab.sh
# Median of the last 9 of 10 runs in one session each (warm), for 300 m, 2 km and 10 km; prints both counts.
set -euo pipefail
conn=(-h 127.0.0.1 -p "${PGPORT:-55432}" -U postgres -d "${DB:-needsmap_bench_subscribers}")
lon=${LON:-120.075}; lat=${LAT:-29.306}
for m in 300 2000 10000; do
  half="($m / 110000.0 / cos(radians(least(abs(ST_Y(p)) + $m / 100000.0, 89.0))))"
  box="(CASE WHEN abs(ST_Y(p)) + $m / 100000.0 < 89.0 AND abs(ST_X(p)) + $half < 180.0 THEN ST_Expand(p, $half, ($m / 110000.0)) ELSE ST_MakeEnvelope(-180, -90, 180, 90, 4326) END)"
  for variant in A B; do
    if [ $variant = A ]; then
      pre="CREATE INDEX IF NOT EXISTS ix_needs_location_geography ON needs USING gist ((location::geography)); ANALYZE needs;"
      cond="ST_DWithin(n.location::geography, (SELECT p FROM pt)::geography, $m)"
    else
      pre="DROP INDEX IF EXISTS ix_needs_location_geography;"
      cond="n.location && (SELECT $box FROM pt) AND ST_DWithin(n.location::geography, (SELECT p FROM pt)::geography, $m)"
    fi
    sql="WITH pt AS (SELECT ST_SetSRID(ST_MakePoint($lon, $lat), 4326) AS p) SELECT count(*) FROM needs n WHERE $cond"
    out=$(psql "${conn[@]}" -X -q <<SQL
BEGIN; $pre
SET jit = off;
\timing on
$(for i in $(seq 1 10); do echo "$sql;"; done)
\timing off
ROLLBACK;
SQL
)
    count=$(echo "$out" | grep -E "^ +[0-9]+$" | head -1 | tr -d ' ')
    med=$(echo "$out" | grep -o "Time: [0-9.]*" | awk '{print $2}' | tail -9 | sort -n | sed -n 5p)
    echo "$m m $variant: count $count, median $med ms"
  done
done
