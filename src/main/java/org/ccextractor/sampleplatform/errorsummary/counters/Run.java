package org.ccextractor.sampleplatform.errorsummary.counters;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * A run that the service has seen an event of, with its change counter. Rows are written by
 * {@link CounterTransaction} with the counters; read here when a ranked view is checked against its run.
 */
@Entity
@Table(name = "runs")
public class Run extends PanacheEntityBase {

    @Id
    @Column(name = "run_id")
    public Long runId;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    /** A new value for every batch that counted an event of the run (V5): equal versions, equal counters. */
    @Column(name = "version", insertable = false, updatable = false)
    public long version;

    /** The run's version, or null when the run is unknown (never seen, or deleted). */
    public static Uni<Long> version(long runId) {
        return Panache.withSession(() -> Run.<Run>findById(runId)).map(run -> run == null ? null : run.version);
    }
}
