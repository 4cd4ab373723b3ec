-- What a run is and how it ended (issue 18), from run_created (branch, platform, commit, base_commit,
-- tests_expected) and run_completed (tests_run, and tests_expected when run_created did not give it). Each is NULL
-- while not known; once known it never changes: an event giving another value is dead-lettered as a conflict
-- (counters.RunMetadata). A run has completed when tests_run is not NULL, which run_completed always gives; it is
-- complete when it ran every test it was to run. A run that ran fewer stays incomplete, as its values never change.
-- Not indexed: an update of the run's version stays HOT.
ALTER TABLE runs
    ADD COLUMN branch         text,
    ADD COLUMN platform       text,
    ADD COLUMN commit         text,
    ADD COLUMN base_commit    text,
    ADD COLUMN tests_expected integer,
    ADD COLUMN tests_run      integer,
    ADD COLUMN complete       boolean GENERATED ALWAYS AS (coalesce(tests_run = tests_expected, false)) STORED;

-- Per bucket (all severities together), how many of its errors carried an output_hash, and an order-independent
-- digest of the multiset of those hashes: the sum, modulo 2^64 (as a signed bigint), of each hash's 64-bit digest
-- (counters.OutputHash). Two buckets whose errors all carried one fail the same way when both figures are equal.
-- Exact under de-duplication and replay, as the counts are: an error counts once.
ALTER TABLE bucket_counters
    ADD COLUMN output_hash_count bigint NOT NULL DEFAULT 0,
    ADD COLUMN output_hash_sum   bigint NOT NULL DEFAULT 0;
