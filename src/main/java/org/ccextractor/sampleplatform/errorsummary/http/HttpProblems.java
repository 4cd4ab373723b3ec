package org.ccextractor.sampleplatform.errorsummary.http;

import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.vertx.web.RouteFilter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import org.ccextractor.sampleplatform.errorsummary.problem.ApiProblem;
import org.ccextractor.sampleplatform.errorsummary.problem.Problem;
import org.ccextractor.sampleplatform.errorsummary.problem.ProblemMappers;
import org.ccextractor.sampleplatform.errorsummary.summary.ErrorSummaryResource;

/**
 * The contract's error body for what is refused before the REST layer runs, which would otherwise get an empty
 * body or Quarkus' own error page:
 * <ul>
 * <li>a request target that is not URI syntax (RFC 3986, e.g. {@code ?limit=%zz}): 400 {@code validation_error}
 * naming each parameter it is malformed in ({@link RequestTarget}). Quarkus checks the target before any
 * application code and answers an empty 400 (VertxHttpRecorder), so {@code ErrorSummaryMain} switches that
 * check off and {@link #check} applies the same rule first, before the rate limit; a malformed path is refused
 * earlier still, by the router's path matching, and answered by the router's 400 handler the same way;</li>
 * <li>whatever the router fails itself, e.g. a request without Host (RFC 9112 section 3.2) or a target that is
 * no path: the status it chose, with {@link ProblemMappers#forStatus}.</li>
 * </ul>
 * What Vert.x refuses while decoding the request (a request line or headers too long, 414 and 431; a request
 * line it cannot parse, 400) goes to its HttpServer's invalid-request handler, which Quarkus neither sets nor
 * lets an application set: those keep Vert.x's empty answers.
 */
@Singleton
public class HttpProblems {

    private final RequestTarget target = new RequestTarget(ErrorSummaryResource.PATH, ErrorSummaryResource.COMPARE_PATH);

    /** Before the rate limit filter (1000): a target Quarkus refused before has never been counted. */
    @RouteFilter(2000)
    void check(RoutingContext context) {
        Map<String, String> malformed = target.malformed(context.request().uri());
        if (malformed.isEmpty()) {
            context.next();
        } else {
            ApiProblem.validation(malformed).problem().send(context.response(), 400);
        }
    }

    void routes(@Observes Router router) {
        // The router calls these when its own matching throws (400: a path it cannot decode; else 500), with the
        // status as the only information: the context's failure and status are not set.
        router.errorHandler(400, context -> answer(context, 400, null));
        router.errorHandler(500, context -> answer(context, 500, null));
        // Before Quarkus' last failure handler, which writes its own error page.
        router.route().failureHandler(context -> answer(context, status(context), context.failure()));
    }

    private static int status(RoutingContext context) {
        if (context.failure() instanceof HttpException http) {
            return http.getStatusCode();
        }
        return context.statusCode() > 0 ? context.statusCode() : 500;
    }

    private void answer(RoutingContext context, int status, Throwable failure) {
        if (status >= 500) {
            Log.errorf(failure, "Request to %s failed unexpectedly", context.request().path());
        } else {
            Log.debugf(failure, "Request to %s refused with %d", context.request().path(), status);
        }
        if (context.response().headWritten()) {
            if (!context.response().ended()) {
                context.response().end();
            }
            return;
        }
        // The configured security headers (application.properties) are added by routes that did not run here.
        context.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store");
        Map<String, String> malformed = status == 400 ? target.malformed(context.request().uri()) : Map.of();
        Problem problem = malformed.isEmpty() ? ProblemMappers.forStatus(status) : ApiProblem.validation(malformed).problem();
        problem.send(context.response(), status);
    }
}
