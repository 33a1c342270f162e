package dev.nex7.integration.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import dev.nex7.integration.OutboundHttpException;
import dev.nex7.integration.ssrf.AddressBlocked;
import dev.nex7.integration.ssrf.SsrfGuard;
import dev.nex7.integration.ssrf.Target;

/**
 * One HTTP exchange at a time, over Apache HttpClient with every connection opened through the
 * guard. Redirects, retries, cookies and authentication schemes are off: the caller decides about
 * each redirect. A whole exchange, body included, ends by its deadline; a body is read up to a hard
 * byte cap.
 */
public final class HttpTransport implements AutoCloseable {

    /** What one exchange returned. Header names are lower case. */
    public record Exchange(int status, Map<String, List<String>> headers, byte[] body) {

        /** The first value of a header, or {@code null}. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    private static final int MAX_BODY = Integer.MAX_VALUE - 16;
    /**
     * A streamed response holds its connection for as long as it runs (a model's answer, seconds to
     * minutes), so one host must be able to take as many at once as users chat: with 20 per host, the
     * 21st concurrent model stream waited for another to end.
     */
    private static final int MAX_CONNECTIONS_PER_HOST = 500;
    private static final int MAX_CONNECTIONS = 1000;

    /**
     * A response whose body has not been read yet: the connection stays with it until it is closed.
     * Reading the body fails with an {@link OutboundHttpException} (timeout, cancelled, network error,
     * response too large); closing it before the end drops the connection rather than reading the rest.
     */
    public static final class Streamed implements AutoCloseable {

        private final int status;
        private final Map<String, List<String>> headers;
        private final InputStream body;

        private Streamed(int status, Map<String, List<String>> headers, InputStream body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        public int status() {
            return status;
        }

        /** Response headers, names lower case. */
        public Map<String, List<String>> headers() {
            return headers;
        }

        /** The first value of a header, or {@code null}. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        public InputStream body() {
            return body;
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // The connection is dropped either way; there is nothing left to tell the caller.
            }
        }
    }


    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;

    public HttpTransport(SsrfGuard guard, Duration connectTimeout, String userAgent) {
        this.connections = new GuardedPoolBuilder(guard)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        // Bounds how long a connection checked against an older allow-list is reused.
                        .setTimeToLive(TimeValue.ofMinutes(1))
                        // A server may have closed a connection that idled in the pool; checking it first
                        // spares the next call a failure before its first byte.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS_PER_HOST)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setUserAgent(userAgent)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("nex7-outbound-deadlines").factory());
    }

    /**
     * Sends one request to {@code target} and reads its response.
     *
     * @param timeout the time the whole exchange may take
     * @param maxResponseBytes the largest body read; a larger one fails with {@code response-too-large}
     */
    public Exchange exchange(Target target, String method, Map<String, List<String>> headers, byte[] body,
            Duration timeout, long maxResponseBytes) throws OutboundHttpException {
        HttpUriRequestBase request = request(target, method, headers, body, timeout);
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> alarm = alarm(request, expired, timeout);
        try (ClassicHttpResponse response = client.executeOpen(httpHost(target), request, context(timeout))) {
            return new Exchange(response.getCode(), headers(response),
                    read(response.getEntity(), target, maxResponseBytes, request));
        } catch (OutboundHttpException failure) {
            throw failure;
        } catch (IOException failure) {
            throw translate(failure, target, timeout, expired.get());
        } catch (java.util.concurrent.CancellationException leaseCancelled) {
            throw cancelled(target, timeout, expired.get(), leaseCancelled);
        } finally {
            alarm.cancel(false);
        }
    }

    /**
     * Sends one request to {@code target} and returns as soon as the response head has arrived; the
     * body is read from the returned {@link Streamed}.
     *
     * @param timeout the longest wait for the response head, and then for each next piece of the body
     *     (the body as a whole may take longer)
     * @param maxResponseBytes the most body bytes read; reading more fails with {@code response-too-large}
     */
    public Streamed open(Target target, String method, Map<String, List<String>> headers, byte[] body,
            Duration timeout, long maxResponseBytes) throws OutboundHttpException {
        HttpUriRequestBase request = request(target, method, headers, body, timeout);
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> alarm = alarm(request, expired, timeout);
        ClassicHttpResponse response;
        try {
            response = client.executeOpen(httpHost(target), request, context(timeout));
        } catch (IOException failure) {
            throw translate(failure, target, timeout, expired.get());
        } catch (java.util.concurrent.CancellationException leaseCancelled) {
            throw cancelled(target, timeout, expired.get(), leaseCancelled);
        } finally {
            // From here on the socket's read timeout bounds each wait for more of the body.
            alarm.cancel(false);
        }
        HttpEntity entity = response.getEntity();
        InputStream content;
        try {
            content = entity == null ? InputStream.nullInputStream() : entity.getContent();
        } catch (IOException failure) {
            request.cancel();
            closeQuietly(response);
            throw translate(failure, target, timeout, expired.get());
        }
        long cap = Math.min(maxResponseBytes, Long.MAX_VALUE - 1);
        return new Streamed(response.getCode(), headers(response),
                new StreamedBody(content, response, request, target, timeout, cap, expired));
    }

    /** Drops idle pooled connections, so that none checked against an older allow-list is reused. */
    public void closeIdleConnections() {
        connections.closeIdle(TimeValue.ZERO_MILLISECONDS);
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        client.close(CloseMode.IMMEDIATE);
    }

    private static HttpUriRequestBase request(Target target, String method, Map<String, List<String>> headers,
            byte[] body, Duration timeout) throws OutboundHttpException {
        if (timeout.isNegative() || timeout.isZero()) {
            throw timedOut(target, timeout);
        }
        HttpUriRequestBase request = new HttpUriRequestBase(method, target.uri());
        headers.forEach((name, values) -> values.forEach(value -> request.addHeader(name, value)));
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, null));
        }
        return request;
    }

    /** Cancels {@code request} at its deadline, and notes that it did. */
    private ScheduledFuture<?> alarm(HttpUriRequestBase request, AtomicBoolean expired, Duration timeout) {
        return deadlines.schedule(() -> {
            expired.set(true);
            request.cancel();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static HttpClientContext context(Duration timeout) {
        Timeout remaining = Timeout.ofMilliseconds(Math.max(1, timeout.toMillis()));
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(remaining)
                .setResponseTimeout(remaining)
                .setRedirectsEnabled(false)
                .setAuthenticationEnabled(false)
                .setProtocolUpgradeEnabled(false)
                .setExpectContinueEnabled(false)
                .setHardCancellationEnabled(true)
                .build());
        return context;
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // Already cancelled: the connection is gone.
        }
    }

    private static HttpHost httpHost(Target target) {
        // An IP literal is handed over as an address, so that the client looks nothing up for it.
        return target.host().isLiteral()
                ? new HttpHost(target.scheme(), target.host().address(), target.host().text(), target.port())
                : new HttpHost(target.scheme(), target.host().text(), target.port());
    }

    private static byte[] read(HttpEntity entity, Target target, long maxResponseBytes, HttpUriRequestBase request)
            throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        long cap = Math.min(maxResponseBytes, MAX_BODY);
        if (entity.getContentLength() > cap) {
            throw tooLarge(target, cap, request);
        }
        InputStream content = entity.getContent();
        byte[] body = content.readNBytes((int) cap + 1);
        if (body.length > cap) {
            throw tooLarge(target, cap, request);
        }
        content.close();
        return body;
    }

    private static OutboundHttpException tooLarge(Target target, long cap, HttpUriRequestBase request) {
        // Closing the stream would read the rest of the body; cancelling drops the connection instead.
        request.cancel();
        return new OutboundHttpException(OutboundHttpException.RESPONSE_TOO_LARGE,
                "The response from " + target.describe() + " is larger than " + cap + " bytes", false);
    }

    private static Map<String, List<String>> headers(ClassicHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(header.getValue());
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(headers);
    }

    private static OutboundHttpException translate(IOException failure, Target target, Duration timeout,
            boolean expired) {
        String where = target.describe();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AddressBlocked blocked) {
                return new OutboundHttpException(OutboundHttpException.BLOCKED_ADDRESS, blocked.getMessage(), false);
            }
        }
        if (expired || failure instanceof SocketTimeoutException) {
            return timedOut(target, timeout);
        }
        if (failure instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
            return new OutboundHttpException(OutboundHttpException.CANCELLED, "The call to " + where
                    + " was cancelled", false, failure);
        }
        if (failure instanceof UnknownHostException) {
            return new OutboundHttpException(OutboundHttpException.CONNECT_FAILED, target.host()
                    + " could not be resolved", true, failure);
        }
        if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
            return new OutboundHttpException(OutboundHttpException.CONNECT_FAILED, "Could not connect to " + where,
                    true, failure);
        }
        if (failure instanceof SSLException) {
            return new OutboundHttpException(OutboundHttpException.TLS_FAILED, "The TLS handshake with " + where
                    + " failed", false, failure);
        }
        if (Thread.currentThread().isInterrupted()) {
            return new OutboundHttpException(OutboundHttpException.CANCELLED, "The call to " + where
                    + " was cancelled", false, failure);
        }
        return new OutboundHttpException(OutboundHttpException.NETWORK_ERROR, "The connection to " + where
                + " failed", true, failure);
    }

    /**
     * The connection pool gives up a lease with a {@link java.util.concurrent.CancellationException} when
     * the request is cancelled while it waits for a connection: by the deadline, or by an interrupt.
     */
    private static OutboundHttpException cancelled(Target target, Duration timeout, boolean expired, RuntimeException failure) {
        if (expired) {
            return timedOut(target, timeout);
        }
        if (Thread.currentThread().isInterrupted()) {
            return new OutboundHttpException(OutboundHttpException.CANCELLED, "The call to " + target.describe() + " was cancelled",
                    false, failure);
        }
        return new OutboundHttpException(OutboundHttpException.NETWORK_ERROR, "The connection to " + target.describe()
                + " could not be obtained", true, failure);
    }

    private static OutboundHttpException timedOut(Target target, Duration timeout) {
        return new OutboundHttpException(OutboundHttpException.TIMEOUT, target.describe() + " did not answer within "
                + timeout.toMillis() + " ms", true);
    }

    /**
     * A streamed body: counts what is read against the cap and turns I/O failures into
     * {@link OutboundHttpException}s. Closed before its end, it cancels the request, because closing
     * the underlying stream would read the rest of the body first (a server-sent event stream may
     * never end).
     */
    private static final class StreamedBody extends InputStream {

        private final InputStream content;
        private final ClassicHttpResponse response;
        private final HttpUriRequestBase request;
        private final Target target;
        private final Duration timeout;
        private final long cap;
        private final AtomicBoolean expired;
        private long read;
        private boolean ended;
        private boolean closed;

        StreamedBody(InputStream content, ClassicHttpResponse response, HttpUriRequestBase request, Target target,
                Duration timeout, long cap, AtomicBoolean expired) {
            this.content = content;
            this.response = response;
            this.request = request;
            this.target = target;
            this.timeout = timeout;
            this.cap = cap;
            this.expired = expired;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (closed) {
                throw new OutboundHttpException(OutboundHttpException.NETWORK_ERROR, "The response from "
                        + target.describe() + " was closed", false);
            }
            if (ended || length == 0) {
                return ended ? -1 : 0;
            }
            int n;
            try {
                n = content.read(buffer, offset, (int) Math.min(length, cap - read + 1));
            } catch (OutboundHttpException failure) {
                throw failure;
            } catch (IOException failure) {
                request.cancel();
                throw translate(failure, target, timeout, expired.get());
            }
            if (n < 0) {
                ended = true;
                return -1;
            }
            read += n;
            if (read > cap) {
                throw tooLarge(target, cap, request);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (!ended) {
                request.cancel();
            }
            closeQuietly(response);
        }
    }

    /** The pooling connection manager, with connections opened by {@link GuardedConnectionOperator}. */
    private static final class GuardedPoolBuilder extends PoolingHttpClientConnectionManagerBuilder {

        private final SsrfGuard guard;

        GuardedPoolBuilder(SsrfGuard guard) {
            this.guard = guard;
        }

        @Override
        protected HttpClientConnectionOperator createConnectionOperator(SchemePortResolver ports, DnsResolver names,
                TlsSocketStrategy tls) {
            TlsSocketStrategy strategy = tls != null ? tls : DefaultClientTlsStrategy.createDefault();
            return new GuardedConnectionOperator(guard, ports != null ? ports : DefaultSchemePortResolver.INSTANCE,
                    RegistryBuilder.<TlsSocketStrategy>create().register("https", strategy).build());
        }
    }
}
