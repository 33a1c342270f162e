package dev.nex7.integration;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Outbound HTTP and the integrations built on it.
 *
 * @param ssrfGuardEnabled whether outbound HTTP refuses this machine, private networks, link-local
 *        and metadata addresses and the other blocked ranges; turn off only where every reachable
 *        address is trusted
 * @param allowedHosts {@code host} or {@code host:port} entries (IPv6 in brackets) that outbound
 *        HTTP may reach even when they are or resolve to blocked addresses; administrators add more
 *        at run time under {@code /api/admin/outbound-allow-list}
 * @param connectTimeout the longest wait for a TCP connection
 * @param readTimeout the time a request may take, from sending to the last byte of the response,
 *        when it names none
 * @param maxResponseSize the largest response body read; a request may ask for less, never more
 * @param maxRedirects the most redirects a request may follow; a request may ask for fewer
 * @param userAgent the {@code User-Agent} sent when a request sets none
 * @param allowListRefresh how often the allow-list is re-read from the database, so that an entry
 *        an administrator changed on another instance applies here too
 * @param githubApiUrl GitHub's REST API address (GitHub Enterprise: {@code https://host/api/v3}); tests
 *        point it at a fake
 * @param vercelApiUrl Vercel's REST API address; tests point it at a fake
 * @param githubReconcileInterval how often the head of every branch NEX7 has seen pushes to is read
 *        through GitHub's API, so that a push whose webhook delivery was lost is still announced
 *        (GitHub does not redeliver); 0 switches reconciliation off
 */
@Validated
@ConfigurationProperties("nex7.integration")
public record IntegrationSettings(
        @DefaultValue("true") boolean ssrfGuardEnabled,
        List<String> allowedHosts,
        @DefaultValue("10s") @NotNull Duration connectTimeout,
        @DefaultValue("30s") @NotNull Duration readTimeout,
        @DefaultValue("10MB") @NotNull DataSize maxResponseSize,
        @DefaultValue("10") @Min(0) @Max(50) int maxRedirects,
        @DefaultValue("NEX7") @NotBlank String userAgent,
        @DefaultValue("30s") @NotNull Duration allowListRefresh,
        @DefaultValue("https://api.github.com") @NotNull java.net.URI githubApiUrl,
        @DefaultValue("https://api.vercel.com") @NotNull java.net.URI vercelApiUrl,
        @DefaultValue("5m") @NotNull Duration githubReconcileInterval) {

    public IntegrationSettings {
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().filter(entry -> entry != null && !entry.isBlank()).toList();
    }

    /** The defaults, with the guard on or off and the given allow-list; for tests and tools. */
    public static IntegrationSettings defaults(boolean ssrfGuardEnabled, List<String> allowedHosts) {
        return new IntegrationSettings(ssrfGuardEnabled, allowedHosts, Duration.ofSeconds(10), Duration.ofSeconds(30),
                DataSize.ofMegabytes(10), 10, "NEX7", Duration.ofSeconds(30), java.net.URI.create("https://api.github.com"),
                java.net.URI.create("https://api.vercel.com"), Duration.ofMinutes(5));
    }
}
