-- The next Kafka offset to apply, per topic partition. Written in the same transaction as the counters
-- it produced, so that the counters and the position in the topic can never disagree: on assignment the
-- consumer resumes from here, and a batch only applies records at or past it.
CREATE TABLE consumer_offsets (
    topic       text    NOT NULL,
    partition   integer NOT NULL,
    next_offset bigint  NOT NULL,
    PRIMARY KEY (topic, partition)
);

-- The error events counted so far, so that one re-sent as a new record (a worker retrying after a
-- timeout) counts once. Bounded by the runs kept: run_deleted removes a run's rows.
CREATE TABLE counted_events (
    run_id   bigint NOT NULL,
    event_id text   COLLATE "C" NOT NULL,
    PRIMARY KEY (run_id, event_id)
);
