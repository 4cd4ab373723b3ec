package org.ccextractor.sampleplatform.errorsummary.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own settings, under {@code error-summary.*} (environment: {@code ERROR_SUMMARY_*}). */
@ConfigMapping(prefix = "error-summary")
public interface ErrorSummaryConfig {

    Ingest ingest();

    Summary summary();

    Auth auth();

    RateLimit rateLimit();

    Health health();

    interface Ingest {
        /** Larger record values are not counted (bytes). */
        @WithDefault("1048576")
        int maxEventBytes();

        /**
         * The first wait before what failed for a reason that can pass (a batch, a read of the stored offsets) is
         * tried again; each next wait doubles, up to {@link #retryMaxBackOff()}.
         */
        @WithDefault("200ms")
        Duration retryBackOff();

        @WithDefault("10s")
        Duration retryMaxBackOff();

        /**
         * A batch that has been retrying (PostgreSQL or the dead-letter topic unavailable) for longer than this is
         * reported: an ERROR line, and the gauge error_summary_batch_retrying_seconds.
         */
        @WithDefault("60s")
        Duration retryWarningAfter();

        /**
         * A dead letter that the dead-letter topic refuses as too large, even compressed, is sent again with its
         * value cut to this many bytes (headers say so and carry the original's length and SHA-256).
         */
        @WithDefault("65536")
        int deadLetterTruncatedBytes();

        /**
         * At shutdown, how long the batch in hand may take to commit before the database pool closes; one that does
         * not is abandoned, rolled back, and applied again by its partitions' next owner.
         */
        @WithDefault("10s")
        Duration shutdownWait();
    }

    /** The ranked views that summaries are served from (summary.RankedViews). */
    interface Summary {
        /**
         * How long a view is served without asking whether its run changed: the staleness a summary may have, on top
         * of the time its events take to be counted. Within it a read costs no database round trip.
         */
        @WithDefault("250ms")
        Duration maxStaleness();

        /** The views kept in memory at most, in (estimated) bytes of heap; the least used go first. */
        @WithDefault("33554432")
        long viewCacheBytes();

        /**
         * The comparisons kept in memory at most, in (estimated) bytes of heap, the two views each keeps included; the
         * least used go first.
         */
        @WithDefault("67108864")
        long comparisonCacheBytes();

        /**
         * How long a read waits for PostgreSQL (the reactive pool: a connection, then the query) before it answers 503:
         * the Vert.x client has no query timeout, and a database that stops answering keeps its connections open.
         */
        @WithDefault("3s")
        Duration databaseTimeout();
    }

    interface Health {
        /** How long the readiness check waits for each database pool: below the readiness probe's timeout (3 s). */
        @WithDefault("2s")
        Duration databaseTimeout();
    }

    interface RateLimit {
        /** Requests allowed per token subject (or, without a valid token, per client address) and window. */
        @WithDefault("120")
        long requests();

        @WithDefault("60s")
        Duration window();

        /** true: one limit for all replicas, kept in PostgreSQL; false: each instance counts alone, in memory. */
        @WithDefault("true")
        boolean shared();

        /**
         * The proxies in front of the service that append the address they were connected from to X-Forwarded-For:
         * a request without a valid token counts against the entry this many places from the right (the address the
         * outermost of them saw). 0: the header is ignored, the connection's peer is the client.
         */
        @WithDefault("0")
        int trustedProxyHops();
    }

    interface Auth {
        /** The scope (or group) a token needs to read summaries. */
        @WithDefault("results:read")
        String requiredScope();

        TokenCache tokenCache();
    }

    /** Bearer tokens that verified, kept so that a client's token is not verified again on every request. */
    interface TokenCache {
        /** Tokens kept at most (a few KB each); 0 keeps none. */
        @WithDefault("10000")
        long maximumSize();

        /**
         * How long a token is kept at most, whatever its {@code exp}: bounds how long a token stays accepted
         * after its key is withdrawn from a JWKS URL (smallrye-jwt re-reads one every hour by default).
         */
        @WithDefault("5m")
        Duration maximumAge();
    }
}
