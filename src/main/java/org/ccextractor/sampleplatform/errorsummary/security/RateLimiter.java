package org.ccextractor.sampleplatform.errorsummary.security;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Caffeine;

import io.agroal.api.AgroalDataSource;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

import org.ccextractor.sampleplatform.errorsummary.config.ErrorSummaryConfig;

/**
 * Fixed windows of {@code requests} per {@code window} and client, as Bucket4j buckets refilled whole at
 * the end of each window: in PostgreSQL, so that every replica takes from the same bucket, or in memory
 * for a single instance.
 */
@ApplicationScoped
public class RateLimiter {

    /** What a request may do, and what the rate-limit headers say about it. */
    public record Decision(boolean allowed, long limit, long remaining, long resetEpochSecond, long retryAfterSeconds) {
    }

    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    private final long limit;
    private final String limitKey;

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
    }

    /** Takes one request from the client's bucket. Blocking: the shared bucket is a locked row. */
    public Decision take(String client) {
        ConsumptionProbe probe = buckets.getProxy(client + limitKey, () -> configuration).tryConsumeAndReturnRemaining(1);
        long nanos = probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill();
        long waitSeconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        return new Decision(probe.isConsumed(), limit, probe.getRemainingTokens(),
                Instant.now().getEpochSecond() + waitSeconds, waitSeconds);
    }
}
