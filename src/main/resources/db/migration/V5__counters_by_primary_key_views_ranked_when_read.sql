-- The counters keep what is true, by primary key only; the order of each view is derived when it is read
-- (summary.RankedViews), once per change of a run. An ordered index per view made every increment move index
-- entries, so no update was ever HOT and most of the write time went into an order only reads need.
-- Kept: one row per run, dimension and key with each severity's count, first and last seen (V4); the
-- all-severities figures, key_order and bucket_totals are derived in memory from them.
DROP INDEX bucket_counters_page;
DROP INDEX bucket_counters_page_info;
DROP INDEX bucket_counters_page_warning;
DROP INDEX bucket_counters_page_error;
DROP INDEX bucket_counters_page_critical;
DROP TABLE bucket_totals;
ALTER TABLE bucket_counters
    DROP COLUMN key_order,
    DROP COLUMN count,
    DROP COLUMN first_seen,
    DROP COLUMN last_seen;
-- Room on each page for the new version of an updated row, so that an increment stays a HOT update.
ALTER TABLE bucket_counters SET (fillfactor = 70);

-- A run's change counter: every batch that counts an event of the run gives it a new value, from a sequence so
-- that a run deleted and started again never repeats one. A ranked view is valid while it is unchanged.
CREATE SEQUENCE run_versions;
ALTER TABLE runs ADD COLUMN version bigint NOT NULL DEFAULT nextval('run_versions');
ALTER TABLE runs SET (fillfactor = 70);
