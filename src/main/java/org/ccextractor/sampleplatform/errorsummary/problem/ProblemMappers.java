package org.ccextractor.sampleplatform.errorsummary.problem;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.MDC;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;

import org.ccextractor.sampleplatform.errorsummary.config.ErrorSummaryConfig;

/** Every exception a request can end with becomes a {@link Problem} body: never a stack trace or a page. */
public class ProblemMappers {

    /**
     * What a 405 allows (RFC 9110 section 15.5.6): the API's one resource serves GET, and HEAD, which the REST layer
     * answers as GET without the body (ErrorSummaryResource).
     */
    static final String ALLOW = "GET, HEAD";
    /** RFC 6750 section 3: a scope-token, which a quoted {@code scope} attribute may hold as it is. */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private final ErrorSummaryConfig config;
    private final Refusals refusals;

    public ProblemMappers(ErrorSummaryConfig config, Refusals refusals) {
        this.config = config;
        this.refusals = refusals;
    }

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem e) {
        return respond(e.status(), e.problem());
    }

    /**
     * No token (Unauthorized: the check found no identity) or a token that failed verification (AuthenticationFailed):
     * which of them, and why, in {@code details.reason} and the challenge ({@link Unauthenticated}).
     */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, RoutingContext context) {
        Unauthenticated why = Unauthenticated.of(e);
        refusals.refused(context, 401, why.reason());
        return Response.status(401).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, why.challenge())
                .entity(why.problem()).build();
    }

    /** RFC 6750 section 3.1: {@code insufficient_scope}, with the scope needed when it can be written as it is. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, RoutingContext context) {
        String scope = config.auth().requiredScope();
        refusals.refused(context, 403, "insufficient_scope");
        String challenge = "Bearer error=\"insufficient_scope\""
                + (SCOPE_TOKEN.matcher(scope).matches() ? ", scope=\"" + scope + "\"" : "");
        return Response.status(403).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .entity(new Problem("forbidden", "The token lacks the scope " + scope + ".", Map.of("required_scope", scope)))
                .build();
    }

    /** Logged without a stack trace: during an outage every read ends here, and the cause says why. */
    @ServerExceptionMapper
    public Response databaseUnavailable(DatabaseUnavailable e) {
        Log.warnf("Summary not read, database unavailable: %s", e.getMessage());
        return Response.status(DatabaseUnavailable.STATUS).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
                .entity(DatabaseUnavailable.PROBLEM).build();
    }

    /**
     * What the framework answers by itself: unknown paths, wrong methods, unacceptable media types. A 405 names the
     * methods allowed (RFC 9110 section 15.5.6 requires Allow), which the REST layer's own 405 does not.
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(forStatus(status))
                .header(HttpHeaders.ALLOW, status == 405 ? ALLOW : null)
                .build();
    }

    /** Logged with the run the request asked for (as the MDC field run_id, a field of its own in JSON logs). */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String runId = uri.getPathParameters().getFirst("run_id");
        if (runId != null) {
            MDC.put("run_id", runId);
        }
        try {
            Log.error("Request failed unexpectedly", e);
        } finally {
            MDC.remove("run_id");
        }
        return respond(500, forStatus(500));
    }

    public static Problem forStatus(int status) {
        return switch (status) {
            case 400 -> Problem.of("bad_request", "The request is malformed.");
            case 401 -> Unauthenticated.MISSING.problem();
            case 404 -> Problem.of("not_found", "Resource not found.");
            case 405 -> Problem.of("method_not_allowed", "The method is not allowed on this resource.");
            case 406 -> Problem.of("not_acceptable", "This resource only produces application/json.");
            case 415 -> Problem.of("unsupported_media_type", "The request's media type is not supported.");
            default -> status >= 500
                    ? Problem.of("internal_error", "The server could not complete the request.")
                    : Problem.of("request_error", "The request cannot be served (HTTP " + status + ").");
        };
    }

    private static Response respond(int status, Problem problem) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(problem).build();
    }
}
