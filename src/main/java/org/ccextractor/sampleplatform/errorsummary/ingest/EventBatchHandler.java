package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlConnection;

import org.ccextractor.sampleplatform.errorsummary.counters.BucketCounters;
import org.ccextractor.sampleplatform.errorsummary.counters.ConsumerOffsets;
import org.ccextractor.sampleplatform.errorsummary.counters.CountedEvent;
import org.ccextractor.sampleplatform.errorsummary.counters.CountedEvents;
import org.ccextractor.sampleplatform.errorsummary.counters.CounterBatch;
import org.ccextractor.sampleplatform.errorsummary.counters.Partition;
import org.ccextractor.sampleplatform.errorsummary.counters.RunMetadata;
import org.ccextractor.sampleplatform.errorsummary.counters.Runs;
import org.ccextractor.sampleplatform.errorsummary.counters.StorageErrors;
import org.ccextractor.sampleplatform.errorsummary.counters.Transactions;
import org.ccextractor.sampleplatform.errorsummary.ingest.BatchStages.Stage;
import org.ccextractor.sampleplatform.errorsummary.ingest.InvalidEventException.Reason;
import org.ccextractor.sampleplatform.errorsummary.ingest.ParsedRecord.Rejected;
import org.ccextractor.sampleplatform.errorsummary.ingest.ParsedRecord.Valid;

/**
 * Applies one poll's records exactly once, in one PostgreSQL transaction: under a lock on the partitions' stored
 * offsets it skips what was applied before (a redelivery, a zombie consumer after a rebalance), dead-letters what
 * cannot be counted, counts the rest in order (a run_deleted event ends a segment) de-duplicated by event id, fills in
 * the runs' metadata (dead-lettering as {@code conflict} what would change it), and stores the next offsets.
 * <p>
 * When PostgreSQL refuses the data itself ({@link StorageErrors#refusesData}), or applying fails on a defect of this
 * service ({@link #cannotSucceedLater}), retrying would fail forever and hold back every partition of the poll: the
 * records it fails on are found by applying halves of the batch in transactions that are rolled back, and are
 * dead-lettered as {@code unstorable} with PostgreSQL's words (or {@code unprocessable} with the exception's), while
 * the rest is applied. Any other failure is the caller's to retry.
 */
@ApplicationScoped
public class EventBatchHandler {

    /**
     * What a committed batch did, for the metrics: the errors it counted, and the events it did not count again
     * (errors, run_created and run_completed) because their ids were counted before.
     */
    record Outcome(long counted, long duplicates) {

        static final Outcome NONE = new Outcome(0, 0);

        Outcome plus(Outcome other) {
            return new Outcome(counted + other.counted, duplicates + other.duplicates);
        }
    }

    private final Transactions transactions;
    private final ConsumerOffsets offsets;
    private final CountedEvents countedEvents;
    private final Runs runs;
    private final BucketCounters counters;
    private final DeadLetters deadLetters;
    private final BatchStages stages;

    public EventBatchHandler(Transactions transactions, ConsumerOffsets offsets, CountedEvents countedEvents, Runs runs,
            BucketCounters counters, DeadLetters deadLetters, BatchStages stages) {
        this.transactions = transactions;
        this.offsets = offsets;
        this.countedEvents = countedEvents;
        this.runs = runs;
        this.counters = counters;
        this.deadLetters = deadLetters;
        this.stages = stages;
    }

    /** Commits the batch, or fails with what kept it from committing (nothing is then written). */
    Uni<Outcome> apply(Batch batch) {
        AtomicLong committing = new AtomicLong();
        return transactions.inTransaction(tx -> apply(tx, batch, Map.of(), committing))
                .invoke(() -> stages.record(Stage.COMMIT, committing.get()))
                .onFailure(EventBatchHandler::cannotSucceedLater).recoverWithUni(refused -> {
                    if (StorageErrors.refusesData(refused)) {
                        Log.warnf("PostgreSQL refuses data of a batch of %s (%s); finding the records it refuses", batch,
                                StorageErrors.describe(refused));
                    } else {
                        Log.errorf(refused, "Applying a batch of %s failed unexpectedly; finding the records it fails on", batch);
                    }
                    List<Valid> valid = batch.records().stream().filter(Valid.class::isInstance).map(Valid.class::cast).toList();
                    return unstorable(valid).chain(unstorable -> transactions.inTransaction(tx -> apply(tx, batch, unstorable, committing)));
                });
    }

    /**
     * @param unstorable records to dead-letter rather than count, with PostgreSQL's reason
     * @param committing set to when the offsets are stored and the transaction commits
     */
    private Uni<Outcome> apply(SqlConnection tx, Batch batch, Map<ConsumerRecord<byte[], byte[]>, InvalidEventException> unstorable,
            AtomicLong committing) {
        Map<Partition, Long> nextOffsets = batch.nextOffsets();
        long fencing = System.nanoTime();
        return offsets.lock(tx, nextOffsets.keySet())
                .chain(applied -> {
                    long deadLettering = stages.record(Stage.FENCE, fencing);
                    List<Rejected> rejected = new ArrayList<>();
                    List<Valid> counting = new ArrayList<>();
                    for (ParsedRecord parsed : batch.records()) {
                        if (parsed.record().offset() < applied.getOrDefault(parsed.partition(), 0L)) {
                            continue; // applied before
                        }
                        if (parsed instanceof Rejected refused) {
                            rejected.add(refused);
                        } else if (parsed instanceof Valid valid && unstorable.containsKey(valid.record())) {
                            rejected.add(new Rejected(valid.record(), unstorable.get(valid.record())));
                        } else {
                            counting.add((Valid) parsed);
                        }
                    }
                    // Sent while the batch is counted, acknowledged before it commits: no round trip to the broker on the
                    // way. Both run to their end even when one fails, so that a dead letter the broker took is known as
                    // sent when the batch is tried again. A conflict is known only once its run's metadata is read: its
                    // dead letter follows the counting, still before the commit.
                    Uni<Void> sent = deadLetters.send(rejected, batch).invoke(() -> stages.record(Stage.DEAD_LETTERS, deadLettering));
                    List<Rejected> conflicts = new ArrayList<>();
                    Uni<Outcome> counted = countInOrder(tx, counting, batch::aggregate, conflicts)
                            .call(() -> deadLetters.send(conflicts, batch));
                    return Uni.combine().all().unis(sent, counted).collectFailures().with((none, outcome) -> outcome);
                })
                .call(() -> {
                    committing.set(System.nanoTime());
                    return offsets.save(tx, nextOffsets);
                });
    }

    /**
     * The records among {@code records} that PostgreSQL refuses, or that this service fails on, by halves: a set that
     * applies in a rolled-back transaction holds none. When only a set as a whole is refused (no one record of it
     * is), all of it is.
     */
    private Uni<Map<ConsumerRecord<byte[], byte[]>, InvalidEventException>> unstorable(List<Valid> records) {
        // A trial's conflicts are not dead-lettered: only the transaction that commits decides them.
        return transactions.trial(tx -> countInOrder(tx, records, Batch::aggregateOf, new ArrayList<>()))
                .replaceWith(Map.<ConsumerRecord<byte[], byte[]>, InvalidEventException>of())
                .onFailure(EventBatchHandler::cannotSucceedLater).recoverWithUni(refused -> {
                    if (records.size() == 1) {
                        return Uni.createFrom().item(Map.of(records.get(0).record(), refusal(refused, records.get(0), "")));
                    }
                    int half = records.size() / 2;
                    return unstorable(records.subList(0, half)).chain(first -> unstorable(records.subList(half, records.size()))
                            .map(second -> {
                                Map<ConsumerRecord<byte[], byte[]>, InvalidEventException> both = new HashMap<>(first);
                                both.putAll(second);
                                if (both.isEmpty()) {
                                    records.forEach(r -> both.put(r.record(), refusal(refused, r, ", refused only with the records around it")));
                                }
                                return both;
                            }));
                });
    }

    /**
     * A failure that trying again cannot change: PostgreSQL refusing the data itself, or a defect of this service
     * (a runtime exception of the kinds that code, not an outage, throws). Anything else is retried by the caller.
     */
    static boolean cannotSucceedLater(Throwable failure) {
        return StorageErrors.refusesData(failure) || defect(failure);
    }

    /** What code throws, never an outage: the same input fails the same way however often it is tried. */
    private static final List<Class<? extends Throwable>> DEFECTS = List.of(NullPointerException.class,
            ClassCastException.class, ArithmeticException.class, IllegalArgumentException.class,
            IndexOutOfBoundsException.class, UnsupportedOperationException.class, StackOverflowError.class);

    private static boolean defect(Throwable failure) {
        return DEFECTS.stream().anyMatch(type -> type.isInstance(failure))
                || failure instanceof CompositeException composite && composite.getCauses().stream().anyMatch(EventBatchHandler::defect);
    }

    private static InvalidEventException refusal(Throwable failure, Valid record, String context) {
        return StorageErrors.refusesData(failure)
                ? new InvalidEventException(Reason.UNSTORABLE, "PostgreSQL refuses to store it: " + StorageErrors.describe(failure) + context,
                        record.event().eventId())
                : new InvalidEventException(Reason.UNPROCESSABLE, "Applying it failed: " + failure + context, record.event().eventId());
    }

    /**
     * Counts the events in segments between deletions, so that a run deleted mid-batch loses what came before.
     *
     * @param aggregate the counter increments of the events that count, in order
     * @param conflicts where the run_created and run_completed records that conflict with their run's metadata go
     */
    private Uni<Outcome> countInOrder(SqlConnection tx, List<Valid> records, Function<List<ErrorEvent>, CounterBatch> aggregate,
            List<Rejected> conflicts) {
        Uni<Outcome> chain = Uni.createFrom().item(Outcome.NONE);
        List<Valid> segment = new ArrayList<>();
        for (Valid record : records) {
            if (record.event().kind() == ErrorEvent.Kind.RUN_DELETED) {
                List<Valid> before = List.copyOf(segment);
                segment.clear();
                chain = chain.chain(sum -> count(tx, before, aggregate, conflicts).map(sum::plus))
                        .call(() -> deleteRun(tx, record.event().runId()));
            } else {
                segment.add(record);
            }
        }
        return chain.chain(sum -> count(tx, segment, aggregate, conflicts).map(sum::plus));
    }

    /**
     * The records that count: every one but an error or a run_created or run_completed that says something of its run
     * whose id was counted before, or earlier in the batch.
     */
    private static List<Valid> firstOfEachNew(List<Valid> records, Set<CountedEvent> fresh) {
        Set<CountedEvent> uncounted = new HashSet<>(fresh);
        List<Valid> counted = new ArrayList<>();
        for (Valid record : records) {
            if (!deduplicated(record.event()) || uncounted.remove(record.event().identity())) {
                counted.add(record);
            }
        }
        return counted;
    }

    /**
     * Whether the event counts once by its id: an error, and a run_created or run_completed with metadata (issue 18).
     * Another run_created only makes its run known, which any number of them do alike.
     */
    private static boolean deduplicated(ErrorEvent event) {
        return event.kind() == ErrorEvent.Kind.ERROR || event.metadata() != null;
    }

    /** Removes the run, its counters and its de-duplication state: its summary is 404 afterwards. */
    private Uni<Void> deleteRun(SqlConnection tx, long runId) {
        return counters.deleteRun(tx, runId).call(() -> countedEvents.deleteRun(tx, runId)).call(() -> runs.delete(tx, runId));
    }

    /**
     * Counts each error event whose id was not counted before, once, and fills in the runs' metadata from each
     * run_created and run_completed whose id was not counted before, once; every run it counts in gets a new version. A conflicting record's run is known already (that is how it conflicts), so that
     * counting it as making its run known changes nothing.
     */
    private Uni<Outcome> count(SqlConnection tx, List<Valid> records, Function<List<ErrorEvent>, CounterBatch> aggregate,
            List<Rejected> conflicts) {
        List<CountedEvent> identities = new ArrayList<>();
        for (Valid record : records) {
            if (deduplicated(record.event())) {
                identities.add(record.event().identity());
            }
        }
        long deduplicating = System.nanoTime();
        return countedEvents.markCounted(tx, identities).emitOn(Infrastructure.getDefaultWorkerPool()).chain(fresh -> {
            long aggregating = stages.record(Stage.DEDUPLICATE, deduplicating);
            List<Valid> counted = fresh.size() == identities.size() ? records : firstOfEachNew(records, fresh);
            CounterBatch batch = aggregate.apply(counted.stream().map(Valid::event).toList());
            long writing = stages.record(Stage.AGGREGATE, aggregating);
            long errors = 0;
            List<Valid> describing = new ArrayList<>();
            for (Valid record : counted) {
                if (record.event().kind() == ErrorEvent.Kind.ERROR) {
                    errors++;
                } else if (record.event().metadata() != null) {
                    describing.add(record);
                }
            }
            Outcome outcome = new Outcome(errors, records.size() - counted.size());
            if (batch.isEmpty()) {
                return Uni.createFrom().item(outcome);
            }
            return runMetadata(tx, describing, conflicts)
                    .chain(metadata -> runs.touch(tx, batch.runs(), metadata))
                    .call(() -> counters.add(tx, batch))
                    .invoke(() -> stages.record(Stage.WRITE, writing))
                    .replaceWith(outcome);
        });
    }

    /**
     * What the run_created and run_completed {@code records} make known of their runs, each folded in order onto what
     * was known before it (stored, or given by a record before it): a record that gives a field another value than is
     * known goes to {@code conflicts}, naming both, and changes nothing (issue 18: known values never change). No
     * statement without such records.
     */
    private Uni<Map<Long, RunMetadata>> runMetadata(SqlConnection tx, List<Valid> records, List<Rejected> conflicts) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Set<Long> runIds = new HashSet<>();
        records.forEach(record -> runIds.add(record.event().runId()));
        return runs.metadata(tx, runIds).map(stored -> {
            Map<Long, RunMetadata> known = new HashMap<>(stored);
            for (Valid record : records) {
                ErrorEvent event = record.event();
                RunMetadata run = known.getOrDefault(event.runId(), RunMetadata.NONE);
                List<String> conflicting = run.conflicts(event.metadata());
                if (conflicting.isEmpty()) {
                    known.put(event.runId(), run.filledIn(event.metadata()));
                } else {
                    conflicts.add(new Rejected(record.record(), new InvalidEventException(Reason.CONFLICT, "Run " + event.runId()
                            + " is known otherwise (its known values never change): " + String.join("; ", conflicting),
                            event.eventId())));
                }
            }
            return known;
        });
    }
}
