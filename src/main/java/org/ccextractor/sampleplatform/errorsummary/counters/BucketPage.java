package org.ccextractor.sampleplatform.errorsummary.counters;

import java.util.List;

/** The buckets of one page and the number of buckets in all pages. */
public record BucketPage(long total, List<Bucket> buckets) {

    public static final BucketPage EMPTY = new BucketPage(0, List.of());
}
