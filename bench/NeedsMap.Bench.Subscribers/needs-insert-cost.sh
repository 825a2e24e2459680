#!/usr/bin/env bash
# What one 100-need delivery's insert pays in PostgreSQL, by part: run after a subscribers bench, on its database.
#   bench/NeedsMap.Bench.Subscribers/needs-insert-cost.sh [psql connection options]
#   (default: -h 127.0.0.1 -p 55432 -U postgres -d needsmap_bench_subscribers)
# Each line: EXPLAIN ANALYZE of a plain INSERT of 100 stored needs under new keys, inside a transaction that first drops
# what the line names and is rolled back (nothing stays dropped or inserted); median of seven, different needs each time.
set -euo pipefail
conn=("$@")
[ ${#conn[@]} -gt 0 ] || conn=(-h 127.0.0.1 -p 55432 -U postgres -d needsmap_bench_subscribers)

run() {
  for i in 1 2 3 4 5 6 7; do
    psql "${conn[@]}" -X -q <<SQL 2>&1 | grep -o "Execution Time: [0-9.]*" | awk '{print $3}'
BEGIN;
$1
CREATE TEMP TABLE src ON COMMIT DROP AS
  SELECT channel_code, 'x' || external_id || '$i' AS external_id, version, now() AS received_at, updated_at, text, category_code,
    category_confidence, classifier_version, status, weight, location, address, located_by, jurisdiction_code, jurisdiction_path,
    reporter_key
  FROM needs ORDER BY id DESC OFFSET $((i * 100)) LIMIT 100;
EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON)
  INSERT INTO needs (channel_code, external_id, version, received_at, updated_at, text, category_code, category_confidence,
    classifier_version, status, weight, location, address, located_by, jurisdiction_code, jurisdiction_path, reporter_key)
  SELECT * FROM src;
ROLLBACK;
SQL
  done | sort -n | awk '{a[NR]=$1} END {printf "median %.1f ms (min %.1f, max %.1f)\n", a[int((NR+1)/2)], a[1], a[NR]}'
}

# The secondary indexes the database has (not the primary key, nor the unique channel key the upsert needs).
mapfile -t indexes < <(psql "${conn[@]}" -X -A -t -c "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'needs'
  AND indexname NOT IN ('pk_needs', 'ix_needs_channel_code_external_id') ORDER BY indexname")
echo "everything: $(run '')"
for ix in "${indexes[@]}"; do
  echo "without $ix: $(run "DROP INDEX $ix;")"
done
all="DROP INDEX $(IFS=,; echo "${indexes[*]}");"
echo "without any secondary index: $(run "$all")"
echo "... and without triggers and foreign-key checks: $(run "$all SET session_replication_role = replica;")"
echo "everything again: $(run '')"
