package dev.nex7.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.nex7.identity.IdentitySettings;
import dev.nex7.support.MutableClock;

class AuthThrottleTests {

    private final MutableClock clock = new MutableClock();
    private final AuthThrottle throttle = new AuthThrottle(new IdentitySettings("nex7", "nex7-api",
            Duration.ofMinutes(15), Duration.ofDays(7), Duration.ofDays(30), Duration.ofSeconds(30), null, 3, 5,
            Duration.ofMinutes(5), 2, Duration.ofHours(1)), clock);

    @Test
    void anAccountGetsItsAttemptsPerAddressThenWaits() {
        for (int i = 0; i < 3; i++) {
            throttle.signIn("10.0.0.1", "Ada@Example.com");
        }

        assertThatThrownBy(() -> throttle.signIn("10.0.0.1", "ada@example.com"))
                .isInstanceOf(AuthThrottle.TooManyAttempts.class)
                .satisfies(e -> assertThat(((AuthThrottle.TooManyAttempts) e).headers().get("Retry-After"))
                        .isEqualTo("100"));
        assertThatCode(() -> throttle.signIn("10.0.0.2", "ada@example.com"))
                .as("another address is not affected").doesNotThrowAnyException();

        clock.advance(Duration.ofMinutes(2));
        assertThatCode(() -> throttle.signIn("10.0.0.1", "ada@example.com"))
                .as("greedy refill: one attempt back after a third of the window").doesNotThrowAnyException();
    }

    @Test
    void oneAddressCannotMassRegister() {
        throttle.registration("10.0.0.5");
        throttle.registration("10.0.0.5");

        assertThatThrownBy(() -> throttle.registration("10.0.0.5"))
                .isInstanceOf(AuthThrottle.TooManyAttempts.class)
                .satisfies(e -> assertThat(((AuthThrottle.TooManyAttempts) e).type().toString())
                        .endsWith("too-many-registration-attempts"));
        assertThatCode(() -> throttle.signIn("10.0.0.5", "ada@example.com"))
                .as("registration and sign-in have separate buckets").doesNotThrowAnyException();
        clock.advance(Duration.ofMinutes(30));
        assertThatCode(() -> throttle.registration("10.0.0.5")).doesNotThrowAnyException();
    }

    @Test
    void oneAddressSprayingManyAccountsIsStopped() {
        for (int i = 0; i < 5; i++) {
            throttle.signIn("10.0.0.9", "user" + i + "@example.com");
        }

        assertThatThrownBy(() -> throttle.signIn("10.0.0.9", "fresh@example.com"))
                .isInstanceOf(AuthThrottle.TooManyAttempts.class);
    }
}
