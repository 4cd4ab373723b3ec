package org.ccextractor.sampleplatform.errorsummary.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own settings, under {@code error-summary.*} (environment: {@code ERROR_SUMMARY_*}). */
@ConfigMapping(prefix = "error-summary")
public interface ErrorSummaryConfig {

    Ingest ingest();

    Auth auth();

    interface Ingest {
        /** Larger record values are not counted. */
        @WithDefault("1048576")
        int maxEventBytes();
    }

    interface Auth {
        /** The scope (or group) a token needs to read summaries. */
        @WithDefault("results:read")
        String requiredScope();
    }
}
