-- "Not given" (no sample, no regression test, no categories) was stored as the key 'none', which a category may
-- also be named: the two shared one bucket. It is now the empty string, which no given key can be (ids are digits,
-- a category has at least one character), served as "key": null. A 'none' category counted before this migration
-- cannot be told apart from "not given" any more; it stays with "not given", as it was served.
UPDATE bucket_counters SET key = ''
WHERE key = 'none' AND dimension IN ('sample_id', 'regression_id', 'category');
