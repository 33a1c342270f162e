package dev.nex7.identity.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.nex7.identity.IdentitySettings;
import dev.nex7.identity.account.EmailAddress;
import dev.nex7.platform.ApiProblem;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Slows down password guessing: a token bucket per client address and email (guessing one
 * account) and a larger one per client address (spraying many accounts). Every attempt counts,
 * successful or not, and an attempt over either limit is answered 429 without checking the
 * password. Buckets live in memory on this instance (Redis-backed buckets come with scale-out).
 */
@Component
class SignInThrottle {

    private final IdentitySettings settings;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    SignInThrottle(IdentitySettings settings, Clock clock) {
        this.settings = settings;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.buckets = Caffeine.newBuilder().maximumSize(200_000)
                .expireAfterAccess(settings.signInWindow().multipliedBy(2)).build();
    }

    /** Takes one attempt from both buckets, or refuses with the time until the next is allowed. */
    void attempt(String clientAddress, String email) {
        String account = "account|" + clientAddress + "|" + EmailAddress.normalise(email);
        take(account, settings.signInAttempts());
        take("address|" + clientAddress, settings.signInAttemptsPerAddress());
    }

    private void take(String key, int capacity) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, settings.signInWindow()))
                .withCustomTimePrecision(time).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManySignInAttempts(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** Too many sign-in attempts from this address (for this account, or at all). */
    static final class TooManySignInAttempts extends ApiProblem {

        private final long retryAfterSeconds;

        TooManySignInAttempts(Duration wait) {
            super(HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-in-attempts", "Too many sign-in attempts",
                    "Too many sign-in attempts. Wait a little and try again.");
            this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", Long.toString(retryAfterSeconds));
        }
    }
}
