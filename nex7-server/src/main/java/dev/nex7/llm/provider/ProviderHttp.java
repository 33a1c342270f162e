package dev.nex7.llm.provider;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

import dev.nex7.integration.OutboundHttp;
import dev.nex7.integration.OutboundHttpException;
import dev.nex7.integration.OutboundRequest;
import dev.nex7.integration.OutboundStream;
import dev.nex7.llm.StreamListener;
import dev.nex7.llm.provider.ProviderFailure.Kind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP side both wire formats share: posts a JSON request through {@link OutboundHttp} (and so
 * through its SSRF guard), turns an error answer into a {@link ProviderFailure} of the right kind,
 * and feeds the event stream of a good one to the format's handler.
 */
final class ProviderHttp {

    /** Reacts to one server-sent event by adding to the reply; returns whether the answer is complete. */
    @FunctionalInterface
    interface EventHandler {
        boolean onEvent(ReplyBuilder reply, String type, String data) throws ProviderFailure;
    }

    private static final int MAX_ERROR_BODY = 16 * 1024;
    private static final int MAX_REASON = 300;
    private static final int MAX_TRAILER = 16 * 1024;

    private final OutboundHttp http;
    private final JsonMapper json;

    ProviderHttp(OutboundHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    JsonMapper json() {
        return json;
    }

    /**
     * Posts {@code request} to {@code path} under the endpoint's address and streams the answer's
     * events to {@code handler}, which builds the reply, until it says the answer is complete.
     */
    ProviderReply stream(Endpoint endpoint, String path, Map<String, String> headers, ObjectNode request,
            String model, StreamListener listener, EventHandler handler) throws ProviderFailure {
        byte[] body = json.writeValueAsBytes(request);
        ReplyBuilder reply = new ReplyBuilder(json, listener, model, body.length);
        return stream(endpoint, OutboundRequest.builder("POST", endpoint.resolve(path)), headers, body, reply,
                handler);
    }

    private ProviderReply stream(Endpoint endpoint, OutboundRequest.Builder request, Map<String, String> headers,
            byte[] body, ReplyBuilder reply, EventHandler handler) throws ProviderFailure {
        request.timeout(endpoint.timeout())
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .followRedirects(false).body(body);
        headers.forEach(request::header);
        OutboundStream answer = null;
        boolean complete = false;
        try {
            answer = http.open(request.build());
            if (answer.status() < 200 || answer.status() > 299) {
                throw failure(endpoint, answer.status(), answer.text(MAX_ERROR_BODY), retryAfter(answer));
            }
            SseReader events = new SseReader(answer.body());
            for (SseReader.Event event; (event = events.next()) != null;) {
                if (handler.onEvent(reply, event.type(), event.data())) {
                    complete = true;
                    return reply.build();
                }
            }
            if (reply.stopped()) {
                return reply.build();
            }
            throw new ProviderFailure(Kind.NETWORK, 0, null, "ended its stream before the answer was complete",
                    reply.partial());
        } catch (OutboundHttpException failed) {
            throw outbound(endpoint, failed, reply.partial());
        } catch (IOException broken) {
            throw new ProviderFailure(Kind.NETWORK, 0, null, "broke the connection", reply.partial());
        } catch (JacksonException garbled) {
            throw new ProviderFailure(Kind.PROTOCOL, 0, null, "sent an event that is not valid JSON", reply.partial());
        } catch (ProviderFailure failure) {
            throw failure.partial() == null ? failure.withPartial(reply.partial()) : failure;
        } finally {
            if (complete) {
                release(answer);
            } else if (answer != null) {
                answer.close();
            }
        }
    }

    /**
     * Reads what follows the last event (normally just the end of the body) on a virtual thread of
     * its own, so that the connection goes back to the pool for the next call, while the caller
     * already has its answer. Closing instead would drop the connection, and the next call would pay
     * for a new one; a server that keeps sending is cut off at {@link #MAX_TRAILER} bytes.
     */
    private static void release(OutboundStream answer) {
        Thread.ofVirtual().name("nex7-llm-release").start(() -> {
            try (answer) {
                long left = MAX_TRAILER;
                byte[] buffer = new byte[1024];
                for (int n; left > 0 && (n = answer.body().read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0;) {
                    left -= n;
                }
            } catch (IOException ignored) {
                // The connection is dropped instead of reused; nothing else depends on it.
            }
        });
    }

    /** The failure an error answer stands for; the provider's own message only where it helps the user. */
    ProviderFailure failure(Endpoint endpoint, int status, String body, Duration retryAfter) {
        String type = "";
        String message = "";
        try {
            JsonNode error = json.readTree(body).path("error");
            type = error.path("type").asString("");
            message = error.path("message").asString("");
        } catch (JacksonException notJson) {
            // A proxy's HTML page, say: the status alone decides.
        }
        return failure(endpoint, status, type, message, retryAfter);
    }

    /** The failure an error ({@code type} as Anthropic and OpenAI name them) stands for. */
    ProviderFailure failure(Endpoint endpoint, int status, String type, String message, Duration retryAfter) {
        if (status == 401 || status == 403 || type.equals("authentication_error") || type.equals("permission_error")) {
            return new ProviderFailure(Kind.UNAUTHORIZED, status, null, "rejected the " + endpoint.keySource()
                    + " API key" + (status > 0 ? " (" + status + ")" : ""), null);
        }
        if (status == 429 || type.equals("rate_limit_error")) {
            return new ProviderFailure(Kind.RATE_LIMITED, status, retryAfter, "was rate limited (429)", null);
        }
        if (status == 529 || type.equals("overloaded_error")) {
            return new ProviderFailure(Kind.OVERLOADED, status, retryAfter, "was overloaded" + (status > 0 ? " ("
                    + status + ")" : ""), null);
        }
        if (status == 408) {
            return new ProviderFailure(Kind.TIMEOUT, status, retryAfter, "timed out (408)", null);
        }
        if (status == 0 || status == 409 || status >= 500) {
            return new ProviderFailure(Kind.SERVER_ERROR, status, retryAfter, status == 0 ? "reported an error"
                    + (type.isEmpty() ? "" : " (" + type + ")") : "failed (" + status + ")", null);
        }
        String reason = endpoint.redact(message.isBlank() ? "status " + status : message);
        return new ProviderFailure(Kind.BAD_REQUEST, status, null, reason.length() > MAX_REASON
                ? reason.substring(0, MAX_REASON) + "…" : reason, null);
    }

    private static ProviderFailure outbound(Endpoint endpoint, OutboundHttpException failed, ProviderReply partial) {
        String where = endpoint.baseUrl().getHost();
        return switch (failed.code()) {
            case OutboundHttpException.CANCELLED -> new ProviderFailure(Kind.CANCELLED, 0, null, "was cancelled", partial);
            case OutboundHttpException.TIMEOUT -> new ProviderFailure(Kind.TIMEOUT, 0, null, "did not answer within "
                    + endpoint.timeout().toMillis() + " ms", partial);
            case OutboundHttpException.CONNECT_FAILED -> new ProviderFailure(Kind.NETWORK, 0, null,
                    "could not be reached at " + where, partial);
            case OutboundHttpException.NETWORK_ERROR -> new ProviderFailure(Kind.NETWORK, 0, null,
                    "broke the connection", partial);
            case OutboundHttpException.BLOCKED_ADDRESS -> new ProviderFailure(Kind.UNREACHABLE, 0, null,
                    "is at an address outbound HTTP may not reach (" + where + "; an administrator can add it to "
                            + "the outbound allow-list)", partial);
            default -> new ProviderFailure(Kind.UNREACHABLE, 0, null, "could not be called (" + failed.code() + ")",
                    partial);
        };
    }

    /** {@code retry-after-ms}, or {@code retry-after} in seconds or as an HTTP date; null when absent or unreadable. */
    private static Duration retryAfter(OutboundStream answer) {
        try {
            String millis = answer.header("retry-after-ms");
            if (millis != null) {
                return Duration.ofMillis((long) Double.parseDouble(millis.strip()));
            }
            String value = answer.header("retry-after");
            if (value == null) {
                return null;
            }
            if (value.strip().matches("\\d+(\\.\\d+)?")) {
                return Duration.ofMillis((long) (Double.parseDouble(value.strip()) * 1000));
            }
            ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(java.time.Instant.now(), at.toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (NumberFormatException | DateTimeParseException unreadable) {
            return null;
        }
    }
}
