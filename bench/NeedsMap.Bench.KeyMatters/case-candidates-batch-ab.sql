-- A counting batch's case-candidate search, the needs table against a grid pool built for the batch (issue #18 item 7):
--   psql "host=127.0.0.1 port=$PORT dbname=needsmap_bench_keymatters_200000 user=postgres" -v from=100000 -v n=20000 \
--     -f bench/NeedsMap.Bench.KeyMatters/case-candidates-batch-ab.sql
-- :n needs from the :from-th in id order play a bulk file's counting batch (20,000 is the size `ingest` counts in). The
-- needs-table query is CaseLinker's Candidates; the pool is CasePool.ForAsync's (the batch and every earlier need within
-- the window and a day of it) and its query CaseLinker's PooledCandidates. Prints both times and whether the pairs agree.
\timing on
SET jit = off;
DROP TABLE IF EXISTS case_pool, ids, old_pairs, new_pairs;
CREATE TEMP TABLE ids AS SELECT id FROM needs ORDER BY id OFFSET :from LIMIT :n;
\echo 'needs-table candidate query (CaseLinker.Candidates):'
CREATE TEMP TABLE old_pairs AS
SELECT n.id AS need, c.id AS candidate
FROM needs n
CROSS JOIN LATERAL (
  SELECT c.id FROM needs c
  WHERE c.id < n.id
    AND c.received_at >= n.received_at - make_interval(days => 7) AND c.received_at <= n.received_at + make_interval(days => 7)
    AND split_part(c.category_code, '.', 1) = split_part(n.category_code, '.', 1)
    AND ST_DWithin(c.location, n.location, 300 / 50000.0)
    AND c.location && ST_Expand(n.location, 300 / 110000.0 / cos(radians(least(abs(ST_Y(n.location)) + 300 / 100000.0, 89.0))), 300 / 110000.0)
    AND ST_DWithin(c.location::geography, n.location::geography, 300)
  ORDER BY c.location <-> n.location, c.id
  LIMIT 20) c
WHERE n.id = ANY(ARRAY(SELECT id FROM ids));
\echo 'grid pool for the batch (CasePool.ForAsync):'
CREATE TEMP TABLE case_pool (id bigint, received_at timestamptz, location geometry, top text, gx int, gy int, tb int);
WITH r AS (SELECT min(received_at) - interval '8 days' AS lo, max(received_at) + interval '8 days' AS hi, max(id) AS below
           FROM needs WHERE id = ANY(ARRAY(SELECT id FROM ids))),
src AS MATERIALIZED (
  SELECT n.id, n.received_at, n.location, split_part(n.category_code, '.', 1) AS top FROM needs n, r
  WHERE n.id = ANY(ARRAY(SELECT id FROM ids)) OR (n.id < r.below AND n.received_at >= r.lo AND n.received_at <= r.hi)),
g AS (SELECT 1.01 * 300 / 110000.0 / cos(radians(least(coalesce(max(abs(ST_Y(location))), 0) + 300 / 100000.0, 89.0))) AS w,
        1.01 * 300 / 110000.0 AS h, 86400.0 * 7 AS t FROM src)
INSERT INTO case_pool
SELECT s.id, s.received_at, s.location, s.top, floor(ST_X(s.location) / g.w)::int, floor(ST_Y(s.location) / g.h)::int,
  floor(extract(epoch FROM s.received_at) / g.t)::int
FROM src s, g;
CREATE INDEX ON case_pool (top, gx, gy, tb);
CREATE UNIQUE INDEX ON case_pool (id);
ANALYZE case_pool;
\echo 'grid candidate query (CaseLinker.PooledCandidates):'
CREATE TEMP TABLE new_pairs AS
SELECT s.need, s.candidate FROM (
  SELECT n.id AS need, c.id AS candidate, row_number() OVER (PARTITION BY n.id ORDER BY c.location <-> n.location, c.id) AS r
  FROM case_pool n
  CROSS JOIN LATERAL (SELECT 300 / 110000.0 / cos(radians(least(abs(ST_Y(n.location)) + 300 / 100000.0, 89.0))) AS dx, 300 / 110000.0 AS dy) b
  CROSS JOIN (VALUES (-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 0), (0, 1), (1, -1), (1, 0), (1, 1)) o(x, y)
  JOIN case_pool c ON c.top = n.top AND c.gx = n.gx + o.x AND c.gy = n.gy + o.y AND c.tb BETWEEN n.tb - 1 AND n.tb + 1
  WHERE n.id = ANY(ARRAY(SELECT id FROM ids))
    AND c.id < n.id
    AND c.received_at >= n.received_at - make_interval(days => 7) AND c.received_at <= n.received_at + make_interval(days => 7)
    AND ST_DWithin(c.location, n.location, 300 / 50000.0)
    AND c.location && ST_Expand(n.location, b.dx, b.dy)
    AND ST_DWithin(c.location::geography, n.location::geography, 300)) s
WHERE s.r <= 20;
\timing off
SELECT (SELECT count(*) FROM case_pool) AS pooled_needs, (SELECT count(*) FROM old_pairs) AS table_pairs, (SELECT count(*) FROM new_pairs) AS grid_pairs,
  (SELECT count(*) FROM (SELECT * FROM old_pairs EXCEPT SELECT * FROM new_pairs) d) AS only_table,
  (SELECT count(*) FROM (SELECT * FROM new_pairs EXCEPT SELECT * FROM old_pairs) d) AS only_grid;
