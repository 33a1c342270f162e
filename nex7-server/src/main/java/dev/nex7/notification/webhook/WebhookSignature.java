package dev.nex7.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import dev.nex7.platform.Hmac;

/**
 * How NEX7 signs its webhook calls, for receivers to check. Each call carries
 * {@code X-Nex7-Timestamp: <unix seconds>} and
 * {@code X-Nex7-Signature: sha256=<hex>}, the hex being the HMAC-SHA256, keyed with the webhook's
 * secret (its UTF-8 bytes, as shown when it was made), of the timestamp, a full stop and the raw
 * request body: {@code "<timestamp>.<body>"}. A receiver recomputes it, compares in constant time,
 * and refuses timestamps more than a few minutes off its clock, so that a recorded call cannot be
 * replayed later. {@code X-Nex7-Delivery} names the delivery (the same on every retry of it), for
 * receivers to drop duplicates.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Nex7-Signature";
    public static final String TIMESTAMP_HEADER = "X-Nex7-Timestamp";
    public static final String DELIVERY_HEADER = "X-Nex7-Delivery";
    public static final String EVENT_HEADER = "X-Nex7-Event";

    private WebhookSignature() {
    }

    /** The {@code X-Nex7-Signature} value for a body sent at {@code timestamp} (unix seconds). */
    public static String sign(String secret, long timestamp, String body) {
        byte[] digest = Hmac.of(Hmac.SHA256, secret.getBytes(StandardCharsets.UTF_8), (timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return "sha256=" + HexFormat.of().formatHex(digest);
    }
}
