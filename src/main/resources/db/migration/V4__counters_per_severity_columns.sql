-- One row per run, dimension and key, with the counts (and first/last seen) of each severity in
-- columns of their own, replacing V1's row per severity scope. An event now changes one row per key
-- instead of two: half the rows to find, lock and rewrite per batch, which is where ingest time goes
-- (measured: a batch's upsert ~25 % faster, half the arrays to send). Reads stay one range scan in final
-- order: each severity has a partial index over the rows that have events of it, ordered by its count.
-- The bucket fields of a severity-filtered view come from that severity's columns; the worst severity of
-- the unfiltered view is the highest one with a count.
CREATE TABLE bucket_counters (
    run_id                bigint      NOT NULL,
    dimension             text        NOT NULL,
    key                   text        COLLATE "C" NOT NULL,
    -- As counters.key_order in V1: the id for sample_id and regression_id, 0 for other keys, NULL for "none".
    key_order             bigint,
    count                 bigint      NOT NULL,
    first_seen            timestamptz NOT NULL,
    last_seen             timestamptz NOT NULL,
    info_count            bigint      NOT NULL,
    info_first_seen       timestamptz,
    info_last_seen        timestamptz,
    warning_count         bigint      NOT NULL,
    warning_first_seen    timestamptz,
    warning_last_seen     timestamptz,
    error_count           bigint      NOT NULL,
    error_first_seen      timestamptz,
    error_last_seen       timestamptz,
    critical_count        bigint      NOT NULL,
    critical_first_seen   timestamptz,
    critical_last_seen    timestamptz,
    PRIMARY KEY (run_id, dimension, key)
);

INSERT INTO bucket_counters
SELECT run_id, dimension, key, key_order,
       sum(count) FILTER (WHERE scope = 0), min(first_seen) FILTER (WHERE scope = 0), max(last_seen) FILTER (WHERE scope = 0),
       coalesce(sum(count) FILTER (WHERE scope = 1), 0), min(first_seen) FILTER (WHERE scope = 1), max(last_seen) FILTER (WHERE scope = 1),
       coalesce(sum(count) FILTER (WHERE scope = 2), 0), min(first_seen) FILTER (WHERE scope = 2), max(last_seen) FILTER (WHERE scope = 2),
       coalesce(sum(count) FILTER (WHERE scope = 3), 0), min(first_seen) FILTER (WHERE scope = 3), max(last_seen) FILTER (WHERE scope = 3),
       coalesce(sum(count) FILTER (WHERE scope = 4), 0), min(first_seen) FILTER (WHERE scope = 4), max(last_seen) FILTER (WHERE scope = 4)
FROM counters
GROUP BY run_id, dimension, key, key_order;

DROP TABLE counters;

CREATE INDEX bucket_counters_page ON bucket_counters (run_id, dimension, count DESC, key_order ASC NULLS LAST, key);
CREATE INDEX bucket_counters_page_info ON bucket_counters (run_id, dimension, info_count DESC, key_order ASC NULLS LAST, key)
    WHERE info_count > 0;
CREATE INDEX bucket_counters_page_warning ON bucket_counters (run_id, dimension, warning_count DESC, key_order ASC NULLS LAST, key)
    WHERE warning_count > 0;
CREATE INDEX bucket_counters_page_error ON bucket_counters (run_id, dimension, error_count DESC, key_order ASC NULLS LAST, key)
    WHERE error_count > 0;
CREATE INDEX bucket_counters_page_critical ON bucket_counters (run_id, dimension, critical_count DESC, key_order ASC NULLS LAST, key)
    WHERE critical_count > 0;
