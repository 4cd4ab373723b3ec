-- The comparison's automatic baseline (issue 18): the highest complete run with a given commit on a platform (a
-- pull request run's branch point), or the highest complete run below a run on its branch and platform. One index
-- each, over complete runs only, so that either is one index probe however many runs there are. An update of a run's
-- version changes no indexed column (complete is computed again to the same value), so it stays HOT.
CREATE INDEX runs_complete_by_commit ON runs (commit, platform, run_id) WHERE complete;
CREATE INDEX runs_complete_by_branch ON runs (branch, platform, run_id) WHERE complete;
