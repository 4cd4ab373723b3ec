package org.ccextractor.sampleplatform.errorsummary.counters;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** A run that the service has seen an event of. Rows are written by {@link CounterStore} with the counters. */
@Entity
@Table(name = "runs")
public class Run extends PanacheEntityBase {

    @Id
    @Column(name = "run_id")
    public Long runId;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    public static Uni<Boolean> exists(long runId) {
        return Panache.withSession(() -> Run.<Run>findById(runId)).map(run -> run != null);
    }
}
