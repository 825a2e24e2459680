-- The day turn of the current cells window (2026-12-06 -> 07) statement by statement, rolled back (bench/results/scale-10m.md,
-- "Session 15"):
--   psql "host=127.0.0.1 port=56100 dbname=needsmap_bench_weather_10000000_1095d user=postgres" -f bench/NeedsMap.Bench.Weather/day-turn-10m.sql
-- With -v explain='EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)' the first statement (the four days' day rows summed) prints its
-- plan and buffers too.
\if :{?explain}
\else
\set explain ''
\endif
\timing on
\set old '2026-12-06'
\set new '2026-12-07'
SET jit = off;
BEGIN;
:explain CREATE TEMPORARY TABLE cell_window_shift ON COMMIT DROP AS
SELECT d.resolution, d.category_code, d.q, d.r, min(d.jurisdiction_path) AS jurisdiction_path,
  sum(d.count * ((d.day <= :'new'::date AND d.day > :'new'::date - 150)::int - (d.day <= :'old'::date AND d.day > :'old'::date - 150)::int))::integer AS span_count,
  sum(d.count * ((d.day <= :'new'::date AND d.day > :'new'::date - 30)::int - (d.day <= :'old'::date AND d.day > :'old'::date - 30)::int))::integer AS window_count,
  sum(d.weight * ((d.day <= :'new'::date AND d.day > :'new'::date - 30)::int - (d.day <= :'old'::date AND d.day > :'old'::date - 30)::int)) AS window_weight,
  sum(d.count * ((d.day <= :'new'::date - 30 AND d.day > :'new'::date - 60)::int - (d.day <= :'old'::date - 30 AND d.day > :'old'::date - 60)::int))::integer AS previous_count,
  sum(d.weight * ((d.day <= :'new'::date - 30 AND d.day > :'new'::date - 60)::int - (d.day <= :'old'::date - 30 AND d.day > :'old'::date - 60)::int)) AS previous_weight,
  sum(d.weight * ((d.day <= :'new'::date - 30 AND d.day > :'new'::date - 150)::int - (d.day <= :'old'::date - 30 AND d.day > :'old'::date - 150)::int)) AS baseline_weight
FROM cell_demand d
WHERE d.resolution = ANY('{100,250,500,1000,2500}')
  AND ((d.day > :'old'::date AND d.day <= :'new'::date)
    OR (d.day > :'old'::date - 30 AND d.day <= :'new'::date - 30)
    OR (d.day > :'old'::date - 60 AND d.day <= :'new'::date - 60)
    OR (d.day > :'old'::date - 150 AND d.day <= :'new'::date - 150))
GROUP BY d.resolution, d.category_code, d.q, d.r;
INSERT INTO cell_window_category_counts (resolution, category_code, q, r, jurisdiction_path, span_count, window_count, window_weight, previous_count, previous_weight, baseline_weight)
SELECT resolution, category_code, q, r, jurisdiction_path, span_count, window_count, window_weight, previous_count, previous_weight, baseline_weight FROM cell_window_shift
ON CONFLICT (resolution, category_code, q, r) DO UPDATE SET
 span_count = cell_window_category_counts.span_count + excluded.span_count,
 window_count = cell_window_category_counts.window_count + excluded.window_count,
 window_weight = cell_window_category_counts.window_weight + excluded.window_weight,
 previous_count = cell_window_category_counts.previous_count + excluded.previous_count,
 previous_weight = cell_window_category_counts.previous_weight + excluded.previous_weight,
 baseline_weight = cell_window_category_counts.baseline_weight + excluded.baseline_weight;
DELETE FROM cell_window_category_counts x USING (SELECT resolution, category_code, q, r FROM cell_window_shift) d
 WHERE x.resolution = d.resolution AND x.category_code = d.category_code AND x.q = d.q AND x.r = d.r AND x.span_count + 0 <= 0;
INSERT INTO cell_window_counts (resolution, q, r, jurisdiction_path, span_count, window_count, window_weight, previous_count, previous_weight, baseline_weight)
SELECT resolution, q, r, min(jurisdiction_path), sum(span_count), sum(window_count), sum(window_weight), sum(previous_count), sum(previous_weight), sum(baseline_weight)
FROM cell_window_shift GROUP BY resolution, q, r
ON CONFLICT (resolution, q, r) DO UPDATE SET
 span_count = cell_window_counts.span_count + excluded.span_count,
 window_count = cell_window_counts.window_count + excluded.window_count,
 window_weight = cell_window_counts.window_weight + excluded.window_weight,
 previous_count = cell_window_counts.previous_count + excluded.previous_count,
 previous_weight = cell_window_counts.previous_weight + excluded.previous_weight,
 baseline_weight = cell_window_counts.baseline_weight + excluded.baseline_weight;
DELETE FROM cell_window_counts x USING (SELECT DISTINCT resolution, q, r FROM cell_window_shift) d
 WHERE x.resolution = d.resolution AND x.q = d.q AND x.r = d.r AND x.span_count + 0 <= 0;
UPDATE cell_window_state SET last_day = :'new';
ROLLBACK;
