package dev.nex7.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.nex7.identity.IdentitySettings;
import dev.nex7.support.MutableClock;

class SignInThrottleTests {

    private final MutableClock clock = new MutableClock();
    private final SignInThrottle throttle = new SignInThrottle(new IdentitySettings("nex7", "nex7-api",
            Duration.ofMinutes(15), Duration.ofDays(7), Duration.ofDays(30), Duration.ofSeconds(30), null, 3, 5,
            Duration.ofMinutes(5)), clock);

    @Test
    void anAccountGetsItsAttemptsPerAddressThenWaits() {
        for (int i = 0; i < 3; i++) {
            throttle.attempt("10.0.0.1", "Ada@Example.com");
        }

        assertThatThrownBy(() -> throttle.attempt("10.0.0.1", "ada@example.com"))
                .isInstanceOf(SignInThrottle.TooManySignInAttempts.class)
                .satisfies(e -> assertThat(((SignInThrottle.TooManySignInAttempts) e).headers().get("Retry-After"))
                        .isEqualTo("100"));
        assertThatCode(() -> throttle.attempt("10.0.0.2", "ada@example.com"))
                .as("another address is not affected").doesNotThrowAnyException();

        clock.advance(Duration.ofMinutes(2));
        assertThatCode(() -> throttle.attempt("10.0.0.1", "ada@example.com"))
                .as("greedy refill: one attempt back after a third of the window").doesNotThrowAnyException();
    }

    @Test
    void oneAddressSprayingManyAccountsIsStopped() {
        for (int i = 0; i < 5; i++) {
            throttle.attempt("10.0.0.9", "user" + i + "@example.com");
        }

        assertThatThrownBy(() -> throttle.attempt("10.0.0.9", "fresh@example.com"))
                .isInstanceOf(SignInThrottle.TooManySignInAttempts.class);
    }
}
