package dev.nex7.integration;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.nex7.integration.allowlist.OutboundAllowList;
import dev.nex7.integration.client.HttpTransport;
import dev.nex7.integration.client.HttpTransport.Exchange;
import dev.nex7.integration.client.HttpTransport.Streamed;
import dev.nex7.integration.ssrf.AddressBlocked;
import dev.nex7.integration.ssrf.SsrfGuard;
import dev.nex7.integration.ssrf.Target;

/**
 * The only way NEX7 code makes outbound HTTP calls. Every call goes through one SSRF guard: the
 * URL's host, every address its one name look-up returns, the address each socket connects to, and
 * every redirect are checked against the blocked ranges and the administrators' allow-list.
 *
 * <p>Redirects are followed here, each one re-checked: a 303 (and a 301 or 302 answering a POST)
 * turns the request into a GET without a body, and {@code Authorization}, {@code Cookie} and
 * {@code Proxy-Authorization} are dropped when a redirect leads to another origin. Calls block the
 * calling thread, which may be virtual; interrupting it cancels the call.
 */
@Component
public final class OutboundHttp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboundHttp.class);
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Set by the client from the connection and the body; a caller's values would only confuse it. */
    private static final Set<String> CONNECTION_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", "keep-alive", "proxy-connection", "upgrade", "expect", "te", "trailer");
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-encoding", "content-language",
            "content-location");

    private final IntegrationSettings settings;
    private final SsrfGuard guard;
    private final HttpTransport transport;

    @Autowired
    OutboundHttp(IntegrationSettings settings, OutboundAllowList allowList, ObjectProvider<HostResolver> resolver) {
        this(settings, new SsrfGuard(settings.ssrfGuardEnabled(), allowList::hosts,
                resolver.getIfAvailable(HostResolver::system)));
        allowList.onChange(transport::closeIdleConnections);
        if (!settings.ssrfGuardEnabled()) {
            log.warn("nex7.integration.ssrf-guard-enabled=false: outbound HTTP may reach this machine, private "
                    + "networks and cloud metadata services");
        }
    }

    OutboundHttp(IntegrationSettings settings, SsrfGuard guard) {
        this.settings = settings;
        this.guard = guard;
        this.transport = new HttpTransport(guard, settings.connectTimeout(), settings.userAgent());
    }

    /**
     * Sends a request and returns the final response, whatever its status.
     *
     * @throws OutboundHttpException when no response was received, or the guard or a limit refused the
     *     call; see its codes
     */
    public OutboundResponse send(OutboundRequest request) throws OutboundHttpException {
        Followed<Exchange> followed = follow(request, transport::exchange, Exchange::status,
                answer -> answer.header("location"), answer -> { });
        Exchange exchange = followed.answer();
        return new OutboundResponse(exchange.status(), exchange.headers(), exchange.body(), followed.target().uri());
    }

    /**
     * Sends a request and returns the final response as soon as its head has arrived, with the body
     * to be read as it comes: the same guard, redirect rules and size cap as {@link #send}. The
     * request's timeout bounds the wait for the response head (redirects included) and then each
     * wait for more of the body, so a stream may run for longer as long as it keeps moving.
     * Interrupting the calling virtual thread while it waits cancels the call.
     *
     * @throws OutboundHttpException when no response head was received, or the guard or a limit
     *     refused the call; see its codes
     */
    public OutboundStream open(OutboundRequest request) throws OutboundHttpException {
        Followed<Streamed> followed = follow(request, transport::open, Streamed::status,
                answer -> answer.header("location"), Streamed::close);
        return new OutboundStream(followed.answer(), followed.target().uri());
    }

    /** Sends {@code request} hop by hop, each hop checked by the guard, until an answer that is kept. */
    private <R> Followed<R> follow(OutboundRequest request, Hop<R> hop, ToIntFunction<R> statusOf,
            Function<R, String> locationOf, Consumer<R> discard) throws OutboundHttpException {
        long started = System.nanoTime();
        Duration timeout = request.timeout() != null ? request.timeout() : settings.readTimeout();
        int maxRedirects = Math.min(request.maxRedirects(), settings.maxRedirects());
        long cap = settings.maxResponseSize().toBytes();
        long maxBytes = request.maxResponseBytes() == 0 ? cap : Math.min(request.maxResponseBytes(), cap);
        String method = checkedMethod(request.method());
        Map<String, List<String>> headers = checkedHeaders(request.headers());
        byte[] body = request.body();
        Target target = target(request.uri(), "The URL");
        for (int redirects = 0;; redirects++) {
            check(target);
            Duration left = timeout.minusNanos(System.nanoTime() - started);
            R answer = hop.send(target, method, headers, body, left, maxBytes);
            int status = statusOf.applyAsInt(answer);
            String location = locationOf.apply(answer);
            if (!request.followRedirects() || !isRedirect(status) || location == null) {
                return new Followed<>(answer, target);
            }
            discard.accept(answer);
            if (redirects >= maxRedirects) {
                throw new OutboundHttpException(OutboundHttpException.TOO_MANY_REDIRECTS, "More than " + maxRedirects
                        + " redirects, the last from " + target.describe(), false);
            }
            Target next = target(redirect(target, location), "The redirect from " + target.describe());
            if (becomesGet(status, method)) {
                method = method.equals("HEAD") ? "HEAD" : "GET";
                body = null;
                headers = without(headers, BODY_HEADERS);
            }
            if (!next.sameOrigin(target)) {
                headers = without(headers, CREDENTIAL_HEADERS);
            }
            log.debug("Outbound {} redirected from {} to {}", method, target.describe(), next.describe());
            target = next;
        }
    }

    /** One hop of a call: the transport's answer, read whole or streamed. */
    @FunctionalInterface
    private interface Hop<R> {
        R send(Target target, String method, Map<String, List<String>> headers, byte[] body, Duration left,
                long maxBytes) throws OutboundHttpException;
    }

    private record Followed<R>(R answer, Target target) {
    }

    @Override
    public void close() {
        transport.close();
    }

    private void check(Target target) throws OutboundHttpException {
        try {
            guard.checkTarget(target);
        } catch (AddressBlocked blocked) {
            throw new OutboundHttpException(OutboundHttpException.BLOCKED_ADDRESS, blocked.getMessage(), false);
        }
    }

    private static Target target(URI uri, String what) throws OutboundHttpException {
        try {
            return Target.of(uri);
        } catch (IllegalArgumentException invalid) {
            throw new OutboundHttpException(OutboundHttpException.INVALID_URL, what + " is not valid: "
                    + invalid.getMessage(), false);
        }
    }

    private static URI redirect(Target from, String location) throws OutboundHttpException {
        try {
            return from.uri().resolve(new URI(location.strip()));
        } catch (java.net.URISyntaxException | IllegalArgumentException invalid) {
            throw new OutboundHttpException(OutboundHttpException.INVALID_URL, "The redirect from " + from.describe()
                    + " has an invalid Location", false);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** RFC 9110 15.4 as browsers apply it: 303 always, 301 and 302 for a POST. */
    private static boolean becomesGet(int status, String method) {
        return status == 303 || ((status == 301 || status == 302) && method.equals("POST"));
    }

    private static String checkedMethod(String method) throws OutboundHttpException {
        if (!TOKEN.matcher(method).matches() || method.length() > 20) {
            throw new OutboundHttpException(OutboundHttpException.INVALID_REQUEST, "The HTTP method is not valid",
                    false);
        }
        return method;
    }

    private static Map<String, List<String>> checkedHeaders(Map<String, List<String>> headers)
            throws OutboundHttpException {
        Map<String, List<String>> checked = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey();
            if (name == null || !TOKEN.matcher(name).matches()) {
                throw new OutboundHttpException(OutboundHttpException.INVALID_REQUEST, "A header name is not valid",
                        false);
            }
            for (String value : header.getValue()) {
                if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                    // The value is not quoted: it may be a secret.
                    throw new OutboundHttpException(OutboundHttpException.INVALID_REQUEST, "The value of header "
                            + name + " contains a line break", false);
                }
            }
            if (!CONNECTION_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                checked.put(name, header.getValue());
            }
        }
        return checked;
    }

    private static Map<String, List<String>> without(Map<String, List<String>> headers, Set<String> names) {
        Map<String, List<String>> kept = new LinkedHashMap<>(headers);
        kept.keySet().removeIf(name -> names.contains(name.toLowerCase(Locale.ROOT)));
        return kept;
    }
}
