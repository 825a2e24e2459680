-- A bbox needs page itself (51 rows, newest first), its plan then three timed runs (bench/results/scale-10m.md, "Session 15"):
--   psql "host=127.0.0.1 port=56100 dbname=needsmap_bench_weather_10000000_1095d user=postgres" -f bench/NeedsMap.Bench.Weather/bbox-page-10m.sql
\timing on
SET jit = off;
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT n.* FROM needs n WHERE ST_Intersects(n.location, ST_MakeEnvelope(120.065, 29.296, 120.085, 29.316, 4326)) ORDER BY n.received_at DESC, n.id DESC LIMIT 51;
SELECT n.id FROM needs n WHERE ST_Intersects(n.location, ST_MakeEnvelope(120.065, 29.296, 120.085, 29.316, 4326)) ORDER BY n.received_at DESC, n.id DESC LIMIT 51 \g /dev/null
SELECT n.id FROM needs n WHERE ST_Intersects(n.location, ST_MakeEnvelope(120.065, 29.296, 120.085, 29.316, 4326)) ORDER BY n.received_at DESC, n.id DESC LIMIT 51 \g /dev/null
SELECT n.id FROM needs n WHERE ST_Intersects(n.location, ST_MakeEnvelope(120.065, 29.296, 120.085, 29.316, 4326)) ORDER BY n.received_at DESC, n.id DESC LIMIT 51 \g /dev/null
