package org.ccextractor.sampleplatform.errorsummary.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.agroal.api.AgroalDataSource;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

import org.ccextractor.sampleplatform.errorsummary.config.ErrorSummaryConfig;

/**
 * Fixed windows of {@code requests} per {@code window} and client, as Bucket4j buckets refilled whole at
 * the end of each window: in PostgreSQL, so that every replica takes from the same bucket, or in memory
 * for a single instance.
 * <p>
 * A limit of {@value #LOCAL_FROM} requests or more a window is counted in each replica between synchronizations
 * with the shared bucket (Bucket4j's delaying optimization): at most a thousandth of the limit, or a thousandth of
 * the window, passes unsynchronized, so each replica may let through a thousandth of the limit too many, and a busy
 * client costs a few database round trips a second instead of one a request. A smaller limit is exact: every
 * request takes its token from the shared bucket.
 */
@ApplicationScoped
public class RateLimiter {

    /** The smallest limit that is counted locally between synchronizations. */
    static final long LOCAL_FROM = 1000;

    /** What a request may do, and what the rate-limit headers say about it. */
    public record Decision(boolean allowed, long limit, long remaining, long resetEpochSecond, long retryAfterSeconds) {
    }

    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    private final long limit;
    private final String limitKey;
    private final Optional<DelayParameters> delay;
    /** The clients' bucket proxies: an optimized proxy keeps its local state, so it is reused while its client is active. */
    private final Cache<String, Bucket> proxies;

    public RateLimiter(ErrorSummaryConfig config, AgroalDataSource dataSource) {
        ErrorSummaryConfig.RateLimit settings = config.rateLimit();
        this.limit = settings.requests();
        // A stored bucket keeps the limit it was made with: naming the limit in the key makes a changed
        // setting take effect at once, with fresh buckets, while the old ones expire.
        this.limitKey = "@" + limit + "/" + settings.window().toMillis() + "ms";
        this.configuration = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit).refillIntervally(limit, settings.window()))
                .build();
        // A bucket that has been full again for a while is dropped: no state is kept for idle clients.
        ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy
                .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10));
        this.buckets = settings.shared()
                ? Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                        .primaryKeyMapper(PrimaryKeyMapper.STRING)
                        .table("rate_limit_buckets")
                        .expirationAfterWrite(expiry)
                        .build()
                : Bucket4jCaffeine.<String> builderFor(Caffeine.newBuilder().maximumSize(1_000_000))
                        .expirationAfterWrite(expiry)
                        .build();
        this.delay = settings.shared() && limit >= LOCAL_FROM
                ? Optional.of(new DelayParameters(limit / LOCAL_FROM, settings.window().dividedBy(LOCAL_FROM)))
                : Optional.empty();
        this.proxies = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(settings.window()).build();
    }

    /** Takes one request from the client's bucket. Blocking: the shared bucket is a locked row. */
    public Decision take(String client) {
        ConsumptionProbe probe = proxies.get(client + limitKey, this::bucket).tryConsumeAndReturnRemaining(1);
        long nanos = probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill();
        long waitSeconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        return new Decision(probe.isConsumed(), limit, probe.getRemainingTokens(),
                Instant.now().getEpochSecond() + waitSeconds, waitSeconds);
    }

    private Bucket bucket(String key) {
        RemoteBucketBuilder<String> builder = buckets.builder();
        delay.ifPresent(parameters -> builder.withOptimization(Optimizations.delaying(parameters)));
        return builder.build(key, () -> configuration);
    }
}
