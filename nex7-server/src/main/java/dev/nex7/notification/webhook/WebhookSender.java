package dev.nex7.notification.webhook;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.nex7.integration.OutboundHttp;
import dev.nex7.integration.OutboundHttpException;
import dev.nex7.integration.OutboundRequest;
import dev.nex7.integration.OutboundResponse;
import dev.nex7.notification.NotificationSettings;
import dev.nex7.notification.delivery.Attempt;

/**
 * Makes one signed webhook call through {@link OutboundHttp} (the SSRF guard: a URL on this machine
 * or a private network is refused unless an administrator allowed it). Redirects are not followed, so
 * a signed body only ever reaches the URL an owner configured. 2xx is delivered; 408, 429, 5xx,
 * timeouts and connection failures are worth retrying; anything else is final.
 */
@Component
class WebhookSender {

    /** Receivers answer with a short acknowledgement; more is not read. */
    private static final long MAX_RESPONSE = 64 * 1024;

    private final OutboundHttp http;
    private final NotificationSettings settings;
    private final Clock clock;

    WebhookSender(OutboundHttp http, NotificationSettings settings, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    Attempt send(URI url, String secret, UUID deliveryId, String kind, String body) {
        long timestamp = clock.instant().getEpochSecond();
        OutboundRequest request = OutboundRequest.builder("POST", url)
                .body("application/json", body)
                .header("User-Agent", "NEX7-Webhook")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body))
                .header(WebhookSignature.DELIVERY_HEADER, deliveryId.toString())
                .header(WebhookSignature.EVENT_HEADER, kind)
                .followRedirects(false)
                .timeout(settings.webhook().timeout())
                .maxResponseBytes(MAX_RESPONSE)
                .build();
        OutboundResponse response;
        try {
            response = http.send(request);
        } catch (OutboundHttpException failed) {
            // The message names the host at most, never the path (which may be a secret, as Slack's are).
            String error = failed.code() + ": " + failed.getMessage();
            return failed.retryable() ? Attempt.retry(null, error) : Attempt.failed(null, error);
        }
        int status = response.status();
        if (status >= 200 && status < 300) {
            return Attempt.delivered(status);
        }
        String error = "HTTP " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : "");
        return status == 408 || status == 429 || status >= 500 ? Attempt.retry(status, error) : Attempt.failed(status, error);
    }
}
