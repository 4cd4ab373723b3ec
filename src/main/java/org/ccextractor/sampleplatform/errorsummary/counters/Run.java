package org.ccextractor.sampleplatform.errorsummary.counters;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A row of table runs, as {@link Runs} reads it when a ranked view is checked against its run (Panache). */
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
}
