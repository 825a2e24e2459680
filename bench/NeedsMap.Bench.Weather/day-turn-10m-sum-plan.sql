-- The plan of the day turn's first statement (the four days' day rows summed per cell and category), for its buffers:
--   psql "host=127.0.0.1 port=56100 dbname=needsmap_bench_weather_10000000_1095d user=postgres" -f bench/NeedsMap.Bench.Weather/day-turn-10m-sum-plan.sql
\set old '2026-12-06'
\set new '2026-12-07'
SET jit=off;
EXPLAIN (ANALYZE, BUFFERS) SELECT d.resolution, d.category_code, d.q, d.r, min(d.jurisdiction_path) AS jurisdiction_path,
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
