package org.ccextractor.sampleplatform.errorsummary.summary;

import java.util.concurrent.Executor;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Continues a pipeline on the Vert.x context of the request that builds it. A load shared through a cache (a ranked
 * view, an automatic baseline) completes on the context of the request that started it, or on a worker thread; the
 * request that joined it may go on to the database, and Hibernate Reactive (Panache) keeps its session per context and
 * refuses a worker thread (HR000068): on another request's context it would take that request's session, in use or
 * closed (500s under concurrent compares, found by the benchmark and ComparisonEndToEndTest).
 */
final class CallerContext {

    private CallerContext() {
    }

    /** Runs a task at once when already on the caller's context (or there is none), else on it. */
    static Executor current() {
        Context context = Vertx.currentContext();
        return task -> {
            if (context == null || Vertx.currentContext() == context) {
                task.run();
            } else {
                context.runOnContext(ignored -> task.run());
            }
        };
    }
}
