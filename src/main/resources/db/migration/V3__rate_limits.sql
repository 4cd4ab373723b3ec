-- Bucket4j's token buckets for the shared rate limits (security.RateLimiter), one row per token subject
-- or client address. expires_at (epoch milliseconds) says when a row may be dropped as full again.
CREATE TABLE rate_limit_buckets (
    id         text   PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
