-- A run is known once any event of it has been counted (run_created or error): its summary is then 200.
CREATE TABLE runs (
    run_id     bigint      PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Materialized counters: one row per run, dimension (the group_by value), scope and key.
-- scope 0 counts every event; scopes 1-4 count only events of severity info, warning, error, critical.
-- Keeping the severity-filtered counts in rows of their own (instead of per-severity columns summed at
-- read time) means every page, filtered or not, is one range scan of counters_page in its final order,
-- and an event changes two rows per dimension.
CREATE TABLE counters (
    run_id     bigint      NOT NULL,
    dimension  text        NOT NULL,
    scope      smallint    NOT NULL,
    key        text        COLLATE "C" NOT NULL,
    -- Sort position after count: the id for sample_id and regression_id, 0 for any other key, and
    -- NULL for "none", which sorts last.
    key_order  bigint,
    count      bigint      NOT NULL,
    worst      smallint    NOT NULL,
    first_seen timestamptz NOT NULL,
    last_seen  timestamptz NOT NULL,
    PRIMARY KEY (run_id, dimension, scope, key)
);

CREATE INDEX counters_page ON counters (run_id, dimension, scope, count DESC, key_order ASC NULLS LAST, key);

-- Number of buckets per run, dimension and scope, maintained with the counters so that a page's
-- total is one row read instead of a count over the run's buckets.
CREATE TABLE bucket_totals (
    run_id    bigint   NOT NULL,
    dimension text     NOT NULL,
    scope     smallint NOT NULL,
    buckets   bigint   NOT NULL,
    PRIMARY KEY (run_id, dimension, scope)
);
