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
 * Slows down attacks on the public authentication endpoints with token buckets. Sign-in: one
 * bucket per client address and email (guessing one account) and a larger one per client address
 * (spraying many accounts); every attempt counts, successful or not, and one over either limit is
 * answered 429 without checking the password. Registration: one bucket per client address (mass
 * account creation). Buckets live in memory on this instance (Redis-backed buckets come with
 * scale-out).
 */
@Component
class AuthThrottle {

    private final IdentitySettings settings;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    AuthThrottle(IdentitySettings settings, Clock clock) {
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
        Duration longest = settings.signInWindow().compareTo(settings.registrationWindow()) > 0
                ? settings.signInWindow() : settings.registrationWindow();
        // An idle bucket has refilled completely once its window has passed, so it can be forgotten.
        this.buckets = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(longest).build();
    }

    /** Takes one sign-in attempt from both buckets, or refuses with the time until the next is allowed. */
    void signIn(String clientAddress, String email) {
        String account = "sign-in|" + clientAddress + "|" + EmailAddress.normalise(email);
        take(account, settings.signInAttempts(), settings.signInWindow(), "sign-in");
        take("sign-in|" + clientAddress, settings.signInAttemptsPerAddress(), settings.signInWindow(), "sign-in");
    }

    /** Takes one registration from the address's bucket. */
    void registration(String clientAddress) {
        take("registration|" + clientAddress, settings.registrationsPerAddress(), settings.registrationWindow(),
                "registration");
    }

    private void take(String key, int capacity, Duration window, String what) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window))
                .withCustomTimePrecision(time).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyAttempts(what, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** Too many sign-in or registration attempts from this address. */
    static final class TooManyAttempts extends ApiProblem {

        private final long retryAfterSeconds;

        TooManyAttempts(String what, Duration wait) {
            super(HttpStatus.TOO_MANY_REQUESTS, "too-many-" + what + "-attempts", "Too many " + what + " attempts",
                    "Too many " + what + " attempts from this address. Wait a little and try again.");
            this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", Long.toString(retryAfterSeconds));
        }
    }
}
