-- needStats' 30-day question (the weather bench's row `needStats(groupBy: CATEGORY, where: { 30-day window })`) on an existing
-- database, READ-ONLY: the rows a window reads per day with and without the street, per week and month; the statement the reader
-- sends today (day × street rows for the cut month) and with need_stat_city_days (prototyped as a TEMP table from need_stat_days,
-- as the migration NeedStatCityDays fills it), under EXPLAIN (ANALYZE, BUFFERS). Run twice: the second run is the warm one.
-- psql -h 127.0.0.1 -p 56100 -U postgres -d needsmap_bench_weather_10000000_1095d -f bench/NeedsMap.Bench.Weather/need-stat-city-days-explain.sql
\timing on
SET statement_timeout = 0;
SET TIME ZONE 'Asia/Shanghai';
-- The bench's window: receivedFrom the start of the city day 29 days before today; no upper bound, so the month it starts in is cut.
SELECT (current_date - 29)::timestamptz AS since, date_trunc('month', (current_date - 29)::timestamptz) AS cut,
       date_trunc('month', (current_date - 29)::timestamptz) + interval '1 month' AS cut_end \gset
SELECT :'since' AS since, :'cut' AS cut_month, (SELECT count(*) FROM need_stat_deltas) AS unfolded_deltas,
       (SELECT sum(count) FROM need_stat_days WHERE received_at >= :'since') AS needs_in_window;
-- Rows a day, with and without the street, over the window; the same keys per ISO week and per month.
SELECT count(*) AS street_rows, count(DISTINCT received_at) AS days, round(count(*)::numeric / greatest(count(DISTINCT received_at), 1)) AS street_rows_a_day,
       (SELECT count(*) FROM (SELECT DISTINCT received_at, category_code, channel_code, status FROM need_stat_days WHERE received_at >= :'since') x) AS city_rows,
       (SELECT count(*) FROM (SELECT DISTINCT date_trunc('week', received_at), category_code, channel_code, status, jurisdiction_path FROM need_stat_days WHERE received_at >= :'since') x) AS street_week_rows,
       (SELECT count(*) FROM (SELECT DISTINCT date_trunc('week', received_at), category_code, channel_code, status FROM need_stat_days WHERE received_at >= :'since') x) AS city_week_rows,
       (SELECT count(*) FROM need_stat_months WHERE received_at >= :'cut') AS street_month_rows_from_cut,
       (SELECT count(*) FROM (SELECT DISTINCT received_at, category_code, channel_code, status FROM need_stat_months WHERE received_at >= :'cut') x) AS city_month_rows_from_cut
FROM need_stat_days WHERE received_at >= :'since';
-- What the reader sends today (parameters written in).
EXPLAIN (ANALYZE, BUFFERS)
WITH s AS (SELECT EXISTS (SELECT 1 FROM need_stat_settings WHERE zone = 'Asia/Shanghai') AS current)
SELECT NULL::text AS key, -1 AS count, 0::float8 AS weight, 0 AS reporters FROM s WHERE NOT s.current
UNION ALL
SELECT d.category_code AS key, sum(d.count)::int AS count, coalesce(sum(d.weight), 0) AS weight, 0 AS reporters
FROM (SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM need_stat_months WHERE received_at <> ALL(ARRAY[:'cut'::timestamptz])
      UNION ALL SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM need_stat_days WHERE (received_at >= :'cut' AND received_at < :'cut_end')
      UNION ALL SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM need_stat_deltas) d CROSS JOIN s
WHERE s.current AND d.received_at >= :'since'
GROUP BY 1 HAVING sum(d.count) <> 0;
-- need_stat_city_days as the migration fills it.
CREATE TEMP TABLE s9_city_days AS
SELECT received_at, category_code, channel_code, status, sum(count)::int AS count, sum(weight) AS weight FROM need_stat_days GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
ALTER TABLE s9_city_days ADD PRIMARY KEY (received_at, category_code, channel_code, status) INCLUDE (count, weight);
VACUUM ANALYZE s9_city_days;
SELECT count(*) AS city_day_rows, pg_size_pretty(pg_total_relation_size('s9_city_days')) AS size FROM s9_city_days;
-- What the reader sends with it.
EXPLAIN (ANALYZE, BUFFERS)
WITH s AS (SELECT EXISTS (SELECT 1 FROM need_stat_settings WHERE zone = 'Asia/Shanghai') AS current)
SELECT NULL::text AS key, -1 AS count, 0::float8 AS weight, 0 AS reporters FROM s WHERE NOT s.current
UNION ALL
SELECT d.category_code AS key, sum(d.count)::int AS count, coalesce(sum(d.weight), 0) AS weight, 0 AS reporters
FROM (SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM need_stat_months WHERE received_at <> ALL(ARRAY[:'cut'::timestamptz])
      UNION ALL SELECT received_at, category_code, channel_code, status, NULL::varchar AS jurisdiction_path, count, weight FROM s9_city_days WHERE (received_at >= :'cut' AND received_at < :'cut_end')
      UNION ALL SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM need_stat_deltas) d CROSS JOIN s
WHERE s.current AND d.received_at >= :'since'
GROUP BY 1 HAVING sum(d.count) <> 0;
-- Again, warm.
EXPLAIN (ANALYZE, BUFFERS)
WITH s AS (SELECT EXISTS (SELECT 1 FROM need_stat_settings WHERE zone = 'Asia/Shanghai') AS current)
SELECT NULL::text AS key, -1 AS count, 0::float8 AS weight, 0 AS reporters FROM s WHERE NOT s.current
UNION ALL
SELECT d.category_code AS key, sum(d.count)::int AS count, coalesce(sum(d.weight), 0) AS weight, 0 AS reporters
FROM (SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM need_stat_months WHERE received_at <> ALL(ARRAY[:'cut'::timestamptz])
      UNION ALL SELECT received_at, category_code, channel_code, status, NULL::varchar AS jurisdiction_path, count, weight FROM s9_city_days WHERE (received_at >= :'cut' AND received_at < :'cut_end')
      UNION ALL SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM need_stat_deltas) d CROSS JOIN s
WHERE s.current AND d.received_at >= :'since'
GROUP BY 1 HAVING sum(d.count) <> 0;
DROP TABLE s9_city_days;
