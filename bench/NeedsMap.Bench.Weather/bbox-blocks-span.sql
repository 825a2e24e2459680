-- The cells path over the time blocks with a bbox, as the map asks it at R100 near 鸡鸣山 (30 days ending 2026-11-20, five
-- baseline windows: the blocks CellReader.BlocksOf covers), without and with CellReader.BlockSpan (the first and last block
-- start as constants, so the quarters outside the window are skipped): plans, then three timed runs each, then the rows
-- one form gives and the other does not (none). On the database scripts/run loads (Development: the demo year and five
-- years of school-place needs):
--   psql "host=127.0.0.1 port=55432 dbname=needsmap user=postgres" -f bench/NeedsMap.Bench.Weather/bbox-blocks-span.sql
\timing on
SET jit=off;
\set blocks 'unnest(''{1,1,1,1,7,7,7,1,1,1,1,1,1,1,1,1,1,1,7,7,7,1,1,1,1,1,1,1,1,7,7,28,28,7,7,1}''::smallint[], ''{2026-10-22,2026-10-23,2026-10-24,2026-10-25,2026-10-26,2026-11-02,2026-11-09,2026-11-16,2026-11-17,2026-11-18,2026-11-19,2026-11-20,2026-09-22,2026-09-23,2026-09-24,2026-09-25,2026-09-26,2026-09-27,2026-09-28,2026-10-05,2026-10-12,2026-10-19,2026-10-20,2026-10-21,2026-06-24,2026-06-25,2026-06-26,2026-06-27,2026-06-28,2026-06-29,2026-07-06,2026-07-13,2026-08-10,2026-09-07,2026-09-14,2026-09-21}''::date[], ''{0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}''::int[]) AS b(size, start, part)'
\set sums 'SELECT d.q, d.r, coalesce(sum(d.count) FILTER (WHERE b.part = 0), 0)::int AS count, coalesce(sum(d.weight) FILTER (WHERE b.part = 0), 0) AS demand, coalesce(sum(d.weight) FILTER (WHERE b.part = 1), 0) AS previous, coalesce(sum(d.weight) FILTER (WHERE b.part >= 1), 0) AS before, coalesce(sum(d.count) FILTER (WHERE b.part = 1), 0)::int AS previous_count, coalesce(sum(d.count) FILTER (WHERE b.part = 2), 0)::int AS older_count FROM'
\set box 'EXISTS (SELECT 1 FROM cells c WHERE c.resolution = d.resolution AND c.q = d.q AND c.r = d.r AND c.boundary && ST_MakeEnvelope(120.091552734375, 29.286398892934763, 120.1025390625, 29.295980558715684, 4326) AND ST_Intersects(c.boundary, ST_MakeEnvelope(120.091552734375, 29.286398892934763, 120.1025390625, 29.295980558715684, 4326)))'
\set join 'JOIN cell_demand_blocks d ON d.resolution = 100 AND d.block_days = b.size AND d.block_start = b.start'
\set span 'AND d.block_start BETWEEN ''2026-06-24'' AND ''2026-11-20'''
EXPLAIN (ANALYZE, BUFFERS) :sums :blocks :join WHERE :box GROUP BY d.q, d.r;
EXPLAIN (ANALYZE, BUFFERS) :sums :blocks :join :span WHERE :box GROUP BY d.q, d.r;
\o /dev/null
:sums :blocks :join WHERE :box GROUP BY d.q, d.r;
:sums :blocks :join :span WHERE :box GROUP BY d.q, d.r;
:sums :blocks :join WHERE :box GROUP BY d.q, d.r;
:sums :blocks :join :span WHERE :box GROUP BY d.q, d.r;
:sums :blocks :join WHERE :box GROUP BY d.q, d.r;
:sums :blocks :join :span WHERE :box GROUP BY d.q, d.r;
\o
SELECT count(*) AS rows_in_one_form_only FROM (((:sums :blocks :join WHERE :box GROUP BY d.q, d.r) EXCEPT (:sums :blocks :join :span WHERE :box GROUP BY d.q, d.r))
  UNION ALL ((:sums :blocks :join :span WHERE :box GROUP BY d.q, d.r) EXCEPT (:sums :blocks :join WHERE :box GROUP BY d.q, d.r))) x;
