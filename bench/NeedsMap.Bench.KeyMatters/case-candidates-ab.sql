-- The case-candidate search of a rebuild, old against new, on a bench database (issue #18 item 7):
--   psql "host=127.0.0.1 port=$PORT dbname=needsmap_bench_keymatters_200000 user=postgres" -v from=0 -v n=5000 \
--     -f bench/NeedsMap.Bench.KeyMatters/case-candidates-ab.sql
-- Builds the n-dimensional GiST pool the rebuild used until 2026-12-05 (gist_pool) and today's grid pool (case_pool, the
-- SQL of Cases/CasePool.cs), times each one's candidate query for :n needs from the :from-th need in id order (the
-- queries of Cases/CaseLinker.cs, 300 m, 7 days, 20 candidates) and says whether they return the same pairs.
\timing on
SET jit = off;
DROP TABLE IF EXISTS gist_pool, case_pool, ids, old_pairs, new_pairs;
CREATE TEMP TABLE ids AS SELECT id FROM needs ORDER BY id OFFSET :from LIMIT :n;
\echo 'old pool (n-dimensional GiST over x, y, day, category):'
CREATE TEMP TABLE gist_pool AS
SELECT n.id, n.received_at, n.location, split_part(n.category_code, '.', 1) AS top,
  ST_MakePoint(ST_X(n.location), ST_Y(n.location), extract(epoch FROM n.received_at) / 86400.0,
    dense_rank() OVER (ORDER BY split_part(n.category_code, '.', 1))) AS k
FROM needs n;
CREATE INDEX ON gist_pool USING gist (k gist_geometry_ops_nd);
CREATE UNIQUE INDEX ON gist_pool (id);
ANALYZE gist_pool;
\echo 'new pool (grid buckets, b-tree):'
CREATE TEMP TABLE case_pool (id bigint, received_at timestamptz, location geometry, top text, gx int, gy int, tb int);
WITH src AS MATERIALIZED (SELECT n.id, n.received_at, n.location, split_part(n.category_code, '.', 1) AS top FROM needs n),
g AS (SELECT 1.01 * 300 / 110000.0 / cos(radians(least(coalesce(max(abs(ST_Y(location))), 0) + 300 / 100000.0, 89.0))) AS w,
        1.01 * 300 / 110000.0 AS h, 86400.0 * 7 AS t FROM src)
INSERT INTO case_pool
SELECT s.id, s.received_at, s.location, s.top, floor(ST_X(s.location) / g.w)::int, floor(ST_Y(s.location) / g.h)::int,
  floor(extract(epoch FROM s.received_at) / g.t)::int
FROM src s, g;
CREATE INDEX ON case_pool (top, gx, gy, tb);
CREATE UNIQUE INDEX ON case_pool (id);
ANALYZE case_pool;
\echo 'old candidate query:'
CREATE TEMP TABLE old_pairs AS
SELECT n.id AS need, c.id AS candidate
FROM gist_pool n
CROSS JOIN LATERAL (SELECT 300 / 110000.0 / cos(radians(least(abs(ST_Y(n.location)) + 300 / 100000.0, 89.0))) AS dx, 300 / 110000.0 AS dy) b
CROSS JOIN LATERAL (
  SELECT c.id FROM gist_pool c
  WHERE c.k &&& ST_MakeLine(
          ST_MakePoint(ST_X(n.location) - b.dx, ST_Y(n.location) - b.dy, ST_Z(n.k) - 7 - 1, ST_M(n.k)),
          ST_MakePoint(ST_X(n.location) + b.dx, ST_Y(n.location) + b.dy, ST_Z(n.k) + 7 + 1, ST_M(n.k)))
    AND c.id < n.id
    AND c.received_at >= n.received_at - make_interval(days => 7) AND c.received_at <= n.received_at + make_interval(days => 7)
    AND c.top = n.top
    AND ST_DWithin(c.location, n.location, 300 / 50000.0)
    AND ST_DWithin(c.location::geography, n.location::geography, 300)
  ORDER BY c.location <-> n.location, c.id
  LIMIT 20) c
WHERE n.id IN (SELECT id FROM ids);
\echo 'new candidate query:'
CREATE TEMP TABLE new_pairs AS
SELECT s.need, s.candidate FROM (
  SELECT n.id AS need, c.id AS candidate, row_number() OVER (PARTITION BY n.id ORDER BY c.location <-> n.location, c.id) AS r
  FROM case_pool n
  CROSS JOIN LATERAL (SELECT 300 / 110000.0 / cos(radians(least(abs(ST_Y(n.location)) + 300 / 100000.0, 89.0))) AS dx, 300 / 110000.0 AS dy) b
  CROSS JOIN (VALUES (-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 0), (0, 1), (1, -1), (1, 0), (1, 1)) o(x, y)
  JOIN case_pool c ON c.top = n.top AND c.gx = n.gx + o.x AND c.gy = n.gy + o.y AND c.tb BETWEEN n.tb - 1 AND n.tb + 1
  WHERE n.id IN (SELECT id FROM ids)
    AND c.id < n.id
    AND c.received_at >= n.received_at - make_interval(days => 7) AND c.received_at <= n.received_at + make_interval(days => 7)
    AND ST_DWithin(c.location, n.location, 300 / 50000.0)
    AND c.location && ST_Expand(n.location, b.dx, b.dy)
    AND ST_DWithin(c.location::geography, n.location::geography, 300)) s
WHERE s.r <= 20;
\timing off
SELECT (SELECT count(*) FROM old_pairs) AS old_pairs, (SELECT count(*) FROM new_pairs) AS new_pairs,
  (SELECT count(*) FROM (SELECT * FROM old_pairs EXCEPT SELECT * FROM new_pairs) d) AS only_old,
  (SELECT count(*) FROM (SELECT * FROM new_pairs EXCEPT SELECT * FROM old_pairs) d) AS only_new;
