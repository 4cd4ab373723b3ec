package org.ccextractor.sampleplatform.errorsummary;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the service with Quarkus' own check of request targets switched off: that check answers a target that
 * is not URI syntax with an empty 400 before any application code runs, and http.HttpProblems applies the same
 * rule first with the contract's error body instead. Quarkus reads the system property when it builds the HTTP
 * server's root handler at start, so it is set here, before Quarkus starts (the tests set it in pom.xml).
 */
@QuarkusMain
public final class ErrorSummaryMain {

    static final String URI_VALIDATION_OFF = "vertx.disableURIValidation";

    public static void main(String... args) {
        System.setProperty(URI_VALIDATION_OFF, "true");
        Quarkus.run(args);
    }
}
