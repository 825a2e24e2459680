-- A bbox needs page's totalCount in its two reads (the level-19 squares inside the box; the needs in the squares its edge
-- cuts), plans then three timed runs each (bench/results/scale-10m.md, "Session 15"); run it on the 1M and the 10M database:
--   psql "host=127.0.0.1 port=56100 dbname=needsmap_bench_weather_10000000_1095d user=postgres" -f bench/NeedsMap.Bench.Weather/bbox-count-10m.sql
\timing on
SET jit=off;
-- The two reads as the server sends them (one line each, so each is written once):
\set squares 'SELECT coalesce(sum(s.count), 0) FROM need_tile_squares s WHERE s.level = 19 AND s.tx = ANY(ARRAY[13656, 13657]) AND s.ty BETWEEN 217455 >> 5 AND 217486 >> 5 AND s.gx BETWEEN 437002 AND 437029 AND s.gy BETWEEN 217455 AND 217486'
\set edge 'SELECT count(*) FROM needs n WHERE (n.location && ST_MakeEnvelope(120.065, 29.296, 120.06546020507812 + 1e-06, 29.316, 4326) OR n.location && ST_MakeEnvelope(120.08468627929688 - 1e-06, 29.296, 120.085, 29.316, 4326) OR n.location && ST_MakeEnvelope(120.065, 29.31573990505715 - 1e-06, 120.085, 29.316, 4326) OR n.location && ST_MakeEnvelope(120.065, 29.296, 120.085, 29.296579382980322 + 1e-06, 4326)) AND ST_Intersects(n.location, ST_MakeEnvelope(120.065, 29.296, 120.085, 29.316, 4326)) AND NOT (floor((ST_X(n.location) + 180.0) / 360.0 * power(2.0, 19))::int BETWEEN 437002 AND 437029 AND floor((1.0 - ln(tan(radians(ST_Y(n.location))) + 1.0 / cos(radians(ST_Y(n.location)))) / pi()) / 2.0 * power(2.0, 19))::int BETWEEN 217455 AND 217486)'
EXPLAIN (ANALYZE, BUFFERS) :squares;
EXPLAIN (ANALYZE, BUFFERS) :edge;
:squares;
:edge;
:squares;
:edge;
:squares;
:edge;
