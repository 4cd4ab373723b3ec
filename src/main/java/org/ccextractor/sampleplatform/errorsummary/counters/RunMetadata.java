package org.ccextractor.sampleplatform.errorsummary.counters;

/**
 * What a run_created or run_completed event says about its run (schemas/error-event.schema.json): each field null
 * when the event does not give it. A run_created event gives any of the first five, a run_completed event
 * {@code testsRun} and maybe {@code testsExpected}.
 *
 * @param branch the branch the run tested, 1-255 characters
 * @param platform where its tests ran, 1-64 characters
 * @param commit the commit tested, 40 or 64 lower-case hex digits
 * @param baseCommit a pull request run's branch point, as {@code commit}
 * @param testsExpected how many tests the run was to run, 0 to 2^31-1
 * @param testsRun how many it ran, 0 to 2^31-1
 */
public record RunMetadata(String branch, String platform, String commit, String baseCommit, Integer testsExpected,
        Integer testsRun) {
}
