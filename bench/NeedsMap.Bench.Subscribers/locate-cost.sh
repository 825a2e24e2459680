#!/usr/bin/env bash
# What placing one delivery's points in their jurisdictions costs PostgreSQL, the two ways BatchIngestion has, interleaved:
#   A: the staging table's own GiST and ANALYZE, then a join driven from the jurisdictions (LocateMany: every delivery until
#      session 23, now those of 1,000 records or more)
#   B: one probe of each level's partial GiST per point, deepest level first (LocateFew; migration JurisdictionBoundaryByLevel)
# Run after a subscribers bench, on its database (its stored needs give the points):
#   N=100 R=40 bench/NeedsMap.Bench.Subscribers/locate-cost.sh     # N points a delivery, R rounds of A then B
# Each round takes N stored needs' points (a different slice each round), times only the locating statements (psql's
# \timing, a new session each), rolls back, and checks that A and B placed every point in the same jurisdiction.
set -euo pipefail
conn=(-h 127.0.0.1 -p "${PGPORT:-55432}" -U postgres -d "${DB:-needsmap_bench_subscribers}")
N=${N:-100}
one() { # $1 variant, $2 offset
if [ $1 = A ]; then
  loc="CREATE INDEX ON incoming_needs USING gist (location);
ANALYZE incoming_needs;
UPDATE incoming_needs i SET (jurisdiction_code, jurisdiction_path) = (m.code, m.path)
FROM (SELECT DISTINCT ON (s.idx) s.idx, j.code, j.path
      FROM jurisdictions j CROSS JOIN LATERAL (
        SELECT s.idx FROM incoming_needs s WHERE s.jurisdiction_code IS NULL AND ST_Covers(j.boundary, s.location) OFFSET 0) s
      ORDER BY s.idx, j.level DESC, j.code) m
WHERE i.idx = m.idx;"
else
  loc="UPDATE incoming_needs i SET (jurisdiction_code, jurisdiction_path) = (j.code, j.path)
FROM incoming_needs s CROSS JOIN LATERAL (
  (SELECT code, path FROM jurisdictions WHERE level = 4 AND ST_Covers(boundary, s.location) ORDER BY code LIMIT 1)
  UNION ALL (SELECT code, path FROM jurisdictions WHERE level = 3 AND ST_Covers(boundary, s.location) ORDER BY code LIMIT 1)
  UNION ALL (SELECT code, path FROM jurisdictions WHERE level = 2 AND ST_Covers(boundary, s.location) ORDER BY code LIMIT 1)
  UNION ALL (SELECT code, path FROM jurisdictions WHERE level = 1 AND ST_Covers(boundary, s.location) ORDER BY code LIMIT 1)
  LIMIT 1) j
WHERE s.jurisdiction_code IS NULL AND i.idx = s.idx;"
fi
psql "${conn[@]}" -X -q <<SQL 2>&1 | grep -o "Time: [0-9.]*" | awk '{s+=$2} END {print s}'
BEGIN;
CREATE TEMP TABLE src ON COMMIT DROP AS SELECT location FROM needs ORDER BY id DESC OFFSET $2 LIMIT $N;
CREATE TEMP TABLE incoming_needs (idx int, location geometry(Point, 4326), jurisdiction_code text, jurisdiction_path text) ON COMMIT DROP;
INSERT INTO incoming_needs SELECT row_number() OVER (), location FROM src;
\timing on
$loc
\timing off
SELECT jurisdiction_code FROM incoming_needs ORDER BY idx \g /tmp/loc-$1.txt
ROLLBACK;
SQL
}
for i in $(seq 1 ${R:-30}); do
  off=$(( (i % 50) * N ))
  echo "A $(one A $off)"; cp /tmp/loc-A.txt /tmp/loc-A-keep.txt
  echo "B $(one B $off)"; cmp -s /tmp/loc-A-keep.txt /tmp/loc-B.txt || echo "DIFF at $off"
done > /tmp/locab.txt
grep DIFF /tmp/locab.txt | head -3 || echo "A and B placed every point alike"
for k in A B; do grep "^$k " /tmp/locab.txt | awk '{print $2}' | sort -n | awk -v k=$k '{a[NR]=$1} END {printf "%s median %.2f ms (q1 %.2f, q3 %.2f, n %d)\n", k, a[int((NR+1)/2)], a[int(NR/4)+1], a[int(3*NR/4)], NR}'; done
