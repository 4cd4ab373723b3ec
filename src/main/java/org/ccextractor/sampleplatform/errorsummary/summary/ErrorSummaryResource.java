package org.ccextractor.sampleplatform.errorsummary.summary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;

import org.ccextractor.sampleplatform.errorsummary.problem.ApiProblem;

/**
 * {@code GET /api/v1/runs/{run_id}/error-summary} and {@code .../error-summary/compare}, served from the ranked views of
 * the materialized counters and their comparisons.
 */
@Path(ErrorSummaryResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("${error-summary.auth.required-scope}")
public class ErrorSummaryResource {

    public static final String PATH = "/api/v1/runs/{run_id}/error-summary";
    static final String COMPARE = "compare";
    /** The comparison's path template. */
    public static final String COMPARE_PATH = PATH + "/" + COMPARE;

    private final RankedViews views;
    private final RankedComparisons comparisons;

    public ErrorSummaryResource(RankedViews views, RankedComparisons comparisons) {
        this.views = views;
        this.comparisons = comparisons;
    }

    /**
     * Parameters are read as the raw text the client sent (limit, offset, group_by, severity; see
     * schemas/openapi.yaml), so that every malformed, empty or repeated one is named in the 400 body.
     */
    @GET
    public Uni<SummaryPage> summary(@RestPath("run_id") String runId, @Context UriInfo uri) {
        SummaryRequest request = SummaryRequest.parse(runId, uri.getQueryParameters());
        return views.view(request.runId(), request.groupBy())
                .map(view -> view.orElseThrow(() -> ApiProblem.notFound("run", request.runId()))
                        .page(request.severity(), request.limit(), request.offset()))
                .map(page -> new SummaryPage(page.buckets(), SummaryPage.Pagination.of(request, page.total())));
    }

    /**
     * The run's buckets against its baseline's (issue 18): parameters as the summary's, and {@code baseline} and
     * {@code status} (schemas/openapi.yaml).
     */
    @GET
    @Path(COMPARE)
    public Uni<ComparisonPage> compare(@RestPath("run_id") String runId, @Context UriInfo uri) {
        CompareRequest request = CompareRequest.parse(runId, uri.getQueryParameters());
        return comparisons.compare(request.view().runId(), request.baseline(), request.view().groupBy())
                .map(comparison -> ComparisonPage.of(comparison, request));
    }

    /**
     * Only GET (and HEAD) is served: OPTIONS gets the 405 any other method gets, with Allow (ProblemMappers), rather
     * than the REST layer's empty 200; with or without a token, as the other methods do, which the REST layer refuses
     * before any security check.
     */
    @OPTIONS
    @PermitAll
    public Response options() {
        throw new NotAllowedException(Response.status(Response.Status.METHOD_NOT_ALLOWED).build());
    }

    @OPTIONS
    @Path(COMPARE)
    @PermitAll
    public Response compareOptions() {
        return options();
    }
}
