package org.ccextractor.sampleplatform.errorsummary.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.ccextractor.sampleplatform.errorsummary.local.ErrorSummaryTestResource;

/**
 * A test of the running service (Quarkus, test profile) on a real Kafka broker and PostgreSQL
 * ({@link ErrorSummaryTestResource}): the tier that {@code ./mvnw test} leaves out and {@code ./mvnw verify} runs
 * (pom.xml). Tests without it are unit tests, which start nothing.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTest
@WithTestResource(value = ErrorSummaryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@Tag(ServiceTest.TAG)
public @interface ServiceTest {

    String TAG = "service";
}
