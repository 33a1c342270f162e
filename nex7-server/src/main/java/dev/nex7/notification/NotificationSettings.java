package dev.nex7.notification;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.nex7.platform.WebAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Notifications: in-app, email and outgoing webhooks.
 *
 * @param publicUrl the address people open NEX7 at; emails and webhook payloads link to it
 * @param maxPerUser the most in-app notifications kept per person; beyond it the oldest read ones go
 *        (unread ones are never dropped)
 * @param pollInterval how often owed emails and webhook calls are looked for (new ones are sent at
 *        once; the poll picks up retries and what another instance left)
 * @param retryBackoff the wait before the first retry of a failed email or webhook call; each
 *        further retry waits twice as long (plus up to a fifth more, at random)
 * @param maxRetryBackoff the longest wait between two attempts
 * @param deliveryRetention how long finished deliveries are kept for the webhook's history
 * @param mail the SMTP server NEX7 sends notification emails through
 * @param webhook outgoing webhook calls
 */
@Validated
@ConfigurationProperties("nex7.notification")
public record NotificationSettings(
        @DefaultValue("http://localhost:7700") @NotNull URI publicUrl,
        @DefaultValue("500") @Min(10) @Max(100_000) int maxPerUser,
        @DefaultValue("5s") @NotNull Duration pollInterval,
        @DefaultValue("30s") @NotNull Duration retryBackoff,
        @DefaultValue("1h") @NotNull Duration maxRetryBackoff,
        @DefaultValue("30d") @NotNull Duration deliveryRetention,
        @DefaultValue @NotNull @Valid Mail mail,
        @DefaultValue @NotNull @Valid Webhook webhook) {

    public NotificationSettings {
        if (!WebAddress.isHttp(publicUrl.toString())) {
            throw new IllegalArgumentException("nex7.notification.public-url must be an http or https URL");
        }
        publicUrl = URI.create(publicUrl.toString().replaceAll("/+$", ""));
        if (pollInterval.isNegative() || pollInterval.isZero() || retryBackoff.isNegative() || retryBackoff.isZero()
                || maxRetryBackoff.compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("nex7.notification: poll-interval and retry-backoff must be positive, "
                    + "max-retry-backoff at least retry-backoff");
        }
    }

    /** The absolute URL of a path of the web app ({@code /projects/…}). */
    public String linkTo(String path) {
        return publicUrl + path;
    }

    /**
     * The system SMTP server. Without a {@code host} the email channel is off (the preferences API
     * says so).
     *
     * @param host the server's name or address; empty turns email off
     * @param port the SMTP port (587 for submission with STARTTLS, 25 for a local relay)
     * @param username who to sign in as; empty to send without signing in
     * @param password the password (never logged)
     * @param from the sender, {@code address} or {@code Name <address>}
     * @param starttls whether STARTTLS is required (never silently skipped when on)
     * @param timeout the longest wait to connect and for each answer of the server
     * @param maxAttempts how many times an email is tried before it is given up
     */
    public record Mail(
            String host,
            @DefaultValue("587") @Min(1) @Max(65535) int port,
            String username,
            String password,
            @DefaultValue("NEX7 <nex7@localhost>") @NotNull String from,
            @DefaultValue("true") boolean starttls,
            @DefaultValue("10s") @NotNull Duration timeout,
            @DefaultValue("5") @Min(1) @Max(50) int maxAttempts) {

        /** Whether a host is set: the email channel is on. */
        public boolean configured() {
            return host != null && !host.isBlank();
        }

        @Override
        public String toString() {
            // Never the password.
            return "Mail[host=" + host + ", port=" + port + ", username=" + username + ", from=" + from + ", starttls="
                    + starttls + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts + "]";
        }
    }

    /**
     * Outgoing webhook calls.
     *
     * @param timeout the time one call may take
     * @param maxAttempts how many times a call is tried (on 408, 429, 5xx, timeouts and connection
     *        failures) before it is given up
     */
    public record Webhook(
            @DefaultValue("10s") @NotNull Duration timeout,
            @DefaultValue("8") @Min(1) @Max(50) int maxAttempts) {
    }
}
