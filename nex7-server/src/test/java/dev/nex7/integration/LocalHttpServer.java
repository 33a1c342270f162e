package dev.nex7.integration;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 for outbound HTTP tests (the JDK's own): answers per path, and
 * remembers every request it received.
 */
public final class LocalHttpServer implements AutoCloseable {

    /** A request as the server saw it; header names lower case. */
    public record Received(String method, String path, String rawQuery, Map<String, List<String>> headers,
            byte[] body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.getFirst();
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What to answer. A chunked reply has no Content-Length. */
    public record Reply(int status, Map<String, List<String>> headers, byte[] body, boolean chunked) {

        public static Reply of(int status, String contentType, byte[] body) {
            return new Reply(status, contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType)),
                    body, false);
        }

        public static Reply text(int status, String text) {
            return of(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        }

        public static Reply json(int status, String json) {
            return of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        public static Reply redirect(int status, String location) {
            return new Reply(status, Map.of("Location", List.of(location)), new byte[0], false);
        }

        /** Adds a header value; a second call with the same name adds a second value. */
        public Reply withHeader(String name, String value) {
            Map<String, List<String>> more = new LinkedHashMap<>(headers);
            more.merge(name, List.of(value), (old, added) -> Stream.concat(old.stream(),
                    added.stream()).toList());
            return new Reply(status, more, body, chunked);
        }

        public Reply streamed() {
            return new Reply(status, headers, body, true);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Function<Received, Reply>> routes = new ConcurrentHashMap<>();
    private final Map<String, Streaming> streams = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static LocalHttpServer start() {
        try {
            return new LocalHttpServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers requests to {@code path} (exact, without query) with {@code reply}. */
    public LocalHttpServer on(String path, Function<Received, Reply> reply) {
        routes.put(path, reply);
        return this;
    }

    /** Writes a streamed (chunked) body piece by piece; each piece written is flushed to the client. */
    @FunctionalInterface
    public interface Streaming {
        void write(Received request, Pieces out) throws IOException, InterruptedException;
    }

    /** Where a {@link Streaming} answer writes: every piece goes out at once. */
    public static final class Pieces {
        private final OutputStream out;

        Pieces(OutputStream out) {
            this.out = out;
        }

        public void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** Answers requests to {@code path} with 200, {@code contentType} and a chunked body {@code writer} streams. */
    public LocalHttpServer onStream(String path, String contentType, Streaming writer) {
        streams.put(path, writer);
        routes.put(path, request -> Reply.of(200, contentType, new byte[0]));
        return this;
    }

    /** Blocks until the server is closed; for streams that should go silent. */
    public void awaitClose() throws InterruptedException {
        closing.await();
    }

    /** Never answers requests to {@code path} until the server is closed. */
    public LocalHttpServer hang(String path) {
        return on(path, request -> {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.text(200, "too late");
        });
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port} followed by {@code pathAndQuery}. */
    public URI uri(String pathAndQuery) {
        return URI.create(origin() + pathAndQuery);
    }

    public String origin() {
        return "http://127.0.0.1:" + port();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public int hits() {
        return received.size();
    }

    public Received last() {
        return received.getLast();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    List.copyOf(values)));
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, exchange.getRequestBody().readAllBytes());
            received.add(request);
            Reply reply = routes.getOrDefault(request.path(), r -> Reply.text(404, "no route")).apply(request);
            Streaming streaming = streams.get(request.path());
            if (streaming != null) {
                reply.headers().forEach((name, values) -> values.forEach(value -> exchange.getResponseHeaders()
                        .add(name, value)));
                exchange.sendResponseHeaders(reply.status(), 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    streaming.write(request, new Pieces(out));
                } catch (IOException | InterruptedException clientWentAwayOrClosing) {
                    // The client may close the stream early; that is what the stream tests want.
                }
                return;
            }
            reply.headers().forEach((name, values) -> values.forEach(value -> exchange.getResponseHeaders().add(name,
                    value)));
            boolean empty = reply.body().length == 0 || request.method().equals("HEAD");
            exchange.sendResponseHeaders(reply.status(), empty ? -1 : reply.chunked() ? 0 : reply.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                } catch (IOException clientWentAway) {
                    // The client may stop reading (a response cap); that is what some tests want.
                }
            }
        }
    }
}
