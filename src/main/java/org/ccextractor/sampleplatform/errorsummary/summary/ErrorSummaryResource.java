package org.ccextractor.sampleplatform.errorsummary.summary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
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

import org.ccextractor.sampleplatform.errorsummary.counters.BucketPage;
import org.ccextractor.sampleplatform.errorsummary.counters.CounterStore;
import org.ccextractor.sampleplatform.errorsummary.counters.Run;
import org.ccextractor.sampleplatform.errorsummary.problem.ApiProblem;

/** {@code GET /api/v1/runs/{run_id}/error-summary}, served from the materialized counters. */
@Path(ErrorSummaryResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("${error-summary.auth.required-scope}")
public class ErrorSummaryResource {

    public static final String PATH = "/api/v1/runs/{run_id}/error-summary";

    private final CounterStore counters;

    public ErrorSummaryResource(CounterStore counters) {
        this.counters = counters;
    }

    /**
     * Parameters are read as the raw text the client sent (limit, offset, group_by, severity; see
     * schemas/openapi.yaml), so that every malformed, empty or repeated one is named in the 400 body.
     */
    @GET
    public Uni<SummaryPage> summary(@RestPath("run_id") String runId, @Context UriInfo uri) {
        SummaryRequest request = SummaryRequest.parse(runId, uri.getQueryParameters());
        return counters.page(request.runId(), request.groupBy(), request.severity(), request.limit(), request.offset())
                .chain(page -> page.isPresent() ? Uni.createFrom().item(page.get()) : emptyOrUnknown(request.runId()))
                .map(page -> new SummaryPage(page.buckets(), SummaryPage.Pagination.of(request, page.total())));
    }

    /** A view without buckets is an empty page of a known run, or the run is unknown: the rare path asks. */
    private static Uni<BucketPage> emptyOrUnknown(long runId) {
        return Run.exists(runId).map(known -> {
            if (!known) {
                throw ApiProblem.notFound("run", runId);
            }
            return BucketPage.EMPTY;
        });
    }

    /** Only GET is served: OPTIONS gets the 405 any other method gets, rather than an empty 200. */
    @OPTIONS
    public Response options() {
        throw new NotAllowedException(HttpMethod.GET);
    }
}
