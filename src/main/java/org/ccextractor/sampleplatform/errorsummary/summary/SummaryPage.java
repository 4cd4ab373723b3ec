package org.ccextractor.sampleplatform.errorsummary.summary;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The 200 body: one page of buckets and where it stands among all of them. Registered for reflection (Pagination too) for the native build. */
@RegisterForReflection
public record SummaryPage(List<Bucket> data, Pagination pagination) {

    public record Pagination(int limit, long offset, long total, Long nextOffset) {

        static Pagination of(SummaryRequest request, long total) {
            long next = request.offset() + request.limit();
            return new Pagination(request.limit(), request.offset(), total, next < total ? next : null);
        }
    }
}
