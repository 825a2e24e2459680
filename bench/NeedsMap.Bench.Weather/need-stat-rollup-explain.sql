-- needStats' rollup on an existing database, read-only: the day and month rows as the migration NeedStatRollup builds them, into
-- temp tables, then the reader's statements for the all-time and the 30-day question under EXPLAIN (ANALYZE, BUFFERS).
-- psql -h 127.0.0.1 -p 56100 -U postgres -d needsmap_bench_weather_10000000_1095d -f bench/NeedsMap.Bench.Weather/need-stat-rollup-explain.sql
\timing on
SET statement_timeout = 0;
SET work_mem = '128MB';
CREATE TEMP TABLE s7_days AS
SELECT date_trunc('day', received_at, 'Asia/Shanghai') AS received_at, category_code, channel_code, status,
       split_part(jurisdiction_path, '.', 1) || '.' || CASE WHEN split_part(jurisdiction_path, '.', 2) = '' THEN '' ELSE split_part(jurisdiction_path, '.', 2) || '.' END AS jurisdiction_path,
       count(*)::int AS count, sum(weight) AS weight
FROM needs GROUP BY 1, 2, 3, 4, 5;
CREATE TEMP TABLE s7_months AS
SELECT date_trunc('month', received_at, 'Asia/Shanghai') AS received_at, category_code, channel_code, status, jurisdiction_path, sum(count)::int AS count, sum(weight) AS weight
FROM s7_days GROUP BY 1, 2, 3, 4, 5;
CREATE TEMP TABLE s7_deltas (LIKE s7_days);
ALTER TABLE s7_days ADD PRIMARY KEY (received_at, category_code, channel_code, status, jurisdiction_path) INCLUDE (count, weight);
ALTER TABLE s7_months ADD PRIMARY KEY (received_at, category_code, channel_code, status, jurisdiction_path) INCLUDE (count, weight);
VACUUM ANALYZE s7_days; VACUUM ANALYZE s7_months; ANALYZE s7_deltas;
SELECT (SELECT count(*) FROM needs) AS needs, (SELECT count(*) FROM s7_days) AS day_rows, (SELECT count(*) FROM s7_months) AS month_rows,
  (SELECT count(DISTINCT received_at) FROM s7_days) AS days, (SELECT count(DISTINCT received_at) FROM s7_months) AS months;
SELECT max(received_at) - interval '29 days' AS since, date_trunc('month', max(received_at) - interval '29 days', 'Asia/Shanghai') AS cut,
       date_trunc('month', max(received_at) - interval '29 days', 'Asia/Shanghai') + interval '1 month' AS cut_end FROM s7_days \gset
SELECT :'since' AS since, :'cut' AS cut_month;
-- All time, by category (what the reader sends: months not cut, no day rows, the deltas).
EXPLAIN (ANALYZE, BUFFERS)
SELECT d.category_code AS key, sum(d.count)::int AS count, coalesce(sum(d.weight), 0) AS weight, 0 AS reporters
FROM (SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM s7_months WHERE received_at <> ALL('{}'::timestamptz[])
      UNION ALL SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM s7_days WHERE FALSE
      UNION ALL SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM s7_deltas) d
WHERE TRUE GROUP BY 1 HAVING sum(d.count) <> 0;
-- The 30-day window, by category: the cut month from the day rows, later months from month rows.
EXPLAIN (ANALYZE, BUFFERS)
SELECT d.category_code AS key, sum(d.count)::int AS count, coalesce(sum(d.weight), 0) AS weight, 0 AS reporters
FROM (SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM s7_months WHERE received_at <> ALL(ARRAY[:'cut'::timestamptz])
      UNION ALL SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM s7_days WHERE (received_at >= :'cut' AND received_at < :'cut_end')
      UNION ALL SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM s7_deltas) d
WHERE d.received_at >= :'since' GROUP BY 1 HAVING sum(d.count) <> 0;
-- For comparison: the same window on day rows only.
EXPLAIN (ANALYZE, BUFFERS)
SELECT d.category_code, sum(d.count)::int FROM s7_days d WHERE d.received_at >= :'since' GROUP BY 1;
DROP TABLE s7_days; DROP TABLE s7_months; DROP TABLE s7_deltas;
-- The all-time rows (need_stat_totals) and the all-time question over them.
CREATE TEMP TABLE s7_totals AS
SELECT category_code, channel_code, status,
       split_part(jurisdiction_path, '.', 1) || '.' || CASE WHEN split_part(jurisdiction_path, '.', 2) = '' THEN '' ELSE split_part(jurisdiction_path, '.', 2) || '.' END AS jurisdiction_path,
       count(*)::int AS count, sum(weight) AS weight
FROM needs GROUP BY 1, 2, 3, 4;
CREATE TEMP TABLE s7_deltas (received_at timestamptz, category_code text, channel_code text, status text, jurisdiction_path text, count int, weight float8);
ANALYZE s7_totals; ANALYZE s7_deltas;
SELECT count(*) AS total_rows, sum(count) AS needs FROM s7_totals;
EXPLAIN (ANALYZE, BUFFERS)
SELECT d.category_code AS key, sum(d.count)::int AS count, coalesce(sum(d.weight), 0) AS weight, 0 AS reporters
FROM (SELECT NULL::timestamptz AS received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM s7_totals
      UNION ALL SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM s7_deltas) d
WHERE TRUE GROUP BY 1 HAVING sum(d.count) <> 0;
DROP TABLE s7_totals; DROP TABLE s7_deltas;
