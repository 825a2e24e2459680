-- Whether cell_demand_blocks' upserts would be cheaper as HOT updates (bench/results/subscribers-20000.md, "Session 16"):
-- two copies of the table, with and without count and weight in the primary key's INCLUDE, both at fillfactor 70 (delete
-- the first ALTER TABLE line for the default fillfactor), the same 40,000-row upsert four times on each, then the HOT counts.
-- Run on the subscribers bench database after a run (it reads cell_demand_blocks_2026q4; change the partition to the run's),
-- and it drops what it made:
--   psql "host=127.0.0.1 port=56100 dbname=needsmap_bench_subscribers user=postgres" -f bench/NeedsMap.Bench.Subscribers/rollup-hot-updates.sql
\timing on
DROP TABLE IF EXISTS hot_a, hot_b, hot_batch;
CREATE TABLE hot_a AS SELECT * FROM cell_demand_blocks_2026q4;
CREATE TABLE hot_b AS SELECT * FROM cell_demand_blocks_2026q4;
ALTER TABLE hot_a SET (fillfactor = 70); ALTER TABLE hot_b SET (fillfactor = 70); VACUUM FULL hot_a; VACUUM FULL hot_b;
ALTER TABLE hot_a ADD PRIMARY KEY (resolution, block_days, block_start, q, r) INCLUDE (count, weight);
ALTER TABLE hot_b ADD PRIMARY KEY (resolution, block_days, block_start, q, r);
CREATE TABLE hot_batch AS SELECT resolution, block_days, block_start, q, r, jurisdiction_path, 1 AS count, 1.0::float8 AS weight
  FROM cell_demand_blocks_2026q4 ORDER BY random() LIMIT 40000;
VACUUM ANALYZE hot_a, hot_b, hot_batch;
\set upsert_a 'INSERT INTO hot_a SELECT * FROM hot_batch ORDER BY 1,2,3,4,5 ON CONFLICT (resolution, block_days, block_start, q, r) DO UPDATE SET count = hot_a.count + excluded.count, weight = hot_a.weight + excluded.weight'
\set upsert_b 'INSERT INTO hot_b SELECT * FROM hot_batch ORDER BY 1,2,3,4,5 ON CONFLICT (resolution, block_days, block_start, q, r) DO UPDATE SET count = hot_b.count + excluded.count, weight = hot_b.weight + excluded.weight'
\echo round 1
:upsert_a;
:upsert_b;
\echo round 2
:upsert_a;
:upsert_b;
\echo round 3
:upsert_a;
:upsert_b;
\echo round 4
:upsert_a;
:upsert_b;
SELECT pg_sleep(1);
SELECT relname, n_tup_upd, n_tup_hot_upd, pg_size_pretty(pg_total_relation_size(relid)) FROM pg_stat_user_tables WHERE relname IN ('hot_a','hot_b');
DROP TABLE hot_a, hot_b, hot_batch;
