package org.ccextractor.sampleplatform.errorsummary.counters;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a run_created or run_completed event says about its run, or what is stored of a run (V8): each field null
 * while not known. A run_created event gives any of the first five, a run_completed event {@code testsRun} and maybe
 * {@code testsExpected} (schemas/error-event.schema.json). Known values never change (issue 18): an event is applied
 * by {@link #filledIn} unless it {@link #conflicts} with what is known.
 *
 * @param branch the branch the run tested, 1-255 characters
 * @param platform where its tests ran, 1-64 characters
 * @param commit the commit tested, 40 or 64 lower-case hex digits
 * @param baseCommit a pull request run's branch point, as {@code commit}
 * @param testsExpected how many tests the run was to run, 0 to 2^31-1
 * @param testsRun how many it ran, 0 to 2^31-1; not null once the run has completed
 */
public record RunMetadata(String branch, String platform, String commit, String baseCommit, Integer testsExpected,
        Integer testsRun) {

    /** Nothing known: a run without metadata, or one not stored yet. */
    public static final RunMetadata NONE = new RunMetadata(null, null, null, null, null, null);

    /** The fields by their wire names, in the schema's order. */
    private static final List<Field> FIELDS = List.of(new Field("branch", RunMetadata::branch),
            new Field("platform", RunMetadata::platform), new Field("commit", RunMetadata::commit),
            new Field("base_commit", RunMetadata::baseCommit), new Field("tests_expected", RunMetadata::testsExpected),
            new Field("tests_run", RunMetadata::testsRun));

    private record Field(String name, Function<RunMetadata, Object> value) {
    }

    /**
     * Each field that {@code given} gives another value than this one knows, with both values, e.g.
     * {@code branch is "master", the event gives "main"}; empty when the event only repeats or adds.
     */
    public List<String> conflicts(RunMetadata given) {
        List<String> conflicts = new ArrayList<>();
        for (Field field : FIELDS) {
            Object known = field.value().apply(this);
            Object other = field.value().apply(given);
            if (known != null && other != null && !known.equals(other)) {
                conflicts.add(field.name() + " is " + quoted(known) + ", the event gives " + quoted(other));
            }
        }
        return conflicts;
    }

    /** What is known once {@code given} is applied: every field this one knows, and the others from {@code given}. */
    public RunMetadata filledIn(RunMetadata given) {
        return new RunMetadata(known(branch, given.branch), known(platform, given.platform), known(commit, given.commit),
                known(baseCommit, given.baseCommit), known(testsExpected, given.testsExpected), known(testsRun, given.testsRun));
    }

    private static <T> T known(T known, T given) {
        return known != null ? known : given;
    }

    private static String quoted(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : value.toString();
    }
}
