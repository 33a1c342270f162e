package dev.nex7.llm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.nex7.Nex7Application;
import dev.nex7.identity.UserId;

/**
 * Issue 6's gateway figure: the time to first token the gateway adds. A fake Anthropic on 127.0.0.1
 * answers {@code POST /v1/messages} with the head and {@code message_start} at once and the first
 * text delta 50 ms later (then the rest of a short answer). {@code STREAMS} concurrent streams (200)
 * are started together, round after round, once read directly with the JDK's HTTP client (time to
 * the first {@code content_block_delta} line) and once through {@link ModelGateway#stream} in the
 * running application (time to the listener's first {@code text} call: routing, the budget check,
 * the circuit breaker, the request's translation, the SSRF-guarded outbound client, the SSE parser).
 * Rounds of the two alternate, so both see the same machine. Prints p50/p90/p99/max of each and the
 * difference. Numbers, not assertions:
 *
 * <pre>{@code
 * bench/llm-gateway.sh          # STREAMS=200 ROUNDS=10 WARMUP=5
 * }</pre>
 */
final class GatewayOverhead {

    private static final int FIRST_TOKEN_MS = 50;
    private static final String HEAD = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_bench","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5-20250929","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            """;
    private static final String REST = """
            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":", world."}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":4}}

            event: message_stop
            data: {"type":"message_stop"}

            """;
    private static final String BODY = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]}";

    private GatewayOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int streams = Integer.getInteger("streams", 200);
        int rounds = Integer.getInteger("rounds", 10);
        int warmup = Integer.getInteger("warmup", 5);
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("JVM: %s %s, %d processors, max heap %d MiB; %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), runtime.availableProcessors(), runtime.maxMemory() >> 20,
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf("fake provider: first token after %d ms; %d concurrent streams, %d warm-up and %d measured "
                + "rounds of each%n", FIRST_TOKEN_MS, streams, warmup, rounds);

        HttpServer fake = fakeAnthropic();
        URI base = URI.create("http://127.0.0.1:" + fake.getAddress().getPort());
        Path data = Files.createTempDirectory("nex7-llm-bench-");
        ConfigurableApplicationContext app = SpringApplication.run(Nex7Application.class,
                "--server.port=0", "--nex7.db.data-dir=" + data, "--spring.main.banner-mode=off",
                "--logging.level.root=WARN", "--nex7.llm.anthropic.base-url=" + base,
                "--nex7.llm.anthropic.api-key=sk-ant-bench", "--nex7.llm.chain=anthropic",
                "--nex7.integration.allowed-hosts=127.0.0.1:" + base.getPort());
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
            ModelGateway gateway = app.getBean(ModelGateway.class);
            ModelRequest request = ModelRequest.ask(new CallContext(new UserId(UUID.randomUUID()), null, "bench",
                    "bench"), null, "Hi", 64);
            List<Long> direct = new ArrayList<>();
            List<Long> viaGateway = new ArrayList<>();
            long[] cpu = new long[2];
            for (int round = 0; round < warmup + rounds; round++) {
                long before = cpuNanos();
                long[] plain = round(streams, () -> direct(client, base));
                long between = cpuNanos();
                long[] gated = round(streams, () -> throughGateway(gateway, request));
                if (round >= warmup) {
                    Arrays.stream(plain).forEach(direct::add);
                    Arrays.stream(gated).forEach(viaGateway::add);
                    cpu[0] += between - before;
                    cpu[1] += cpuNanos() - between;
                }
            }
            report(direct, viaGateway);
            // The fake's own work is in both; the difference is what a stream through the gateway costs more.
            System.out.printf("CPU of this process per stream (fake included): direct %.0f µs, through the gateway "
                    + "%.0f µs (the database's own processes not counted)%n", cpu[0] / 1e3 / direct.size(),
                    cpu[1] / 1e3 / viaGateway.size());
        } finally {
            app.close();
            fake.stop(0);
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @FunctionalInterface
    private interface Stream {
        /** Runs one stream to its end and returns its time to first token in nanoseconds. */
        long run() throws Exception;
    }

    /** {@code streams} streams started together; their times to first token. */
    private static long[] round(int streams, Stream stream) throws InterruptedException {
        long[] ttft = new long[streams];
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(streams);
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < streams; i++) {
            int index = i;
            Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    ttft[index] = stream.run();
                } catch (Exception failed) {
                    if (failures.incrementAndGet() <= 3 || !failed.getMessage().contains("circuit is open")) {
                        System.out.println("stream failed: " + failed);
                    }
                    ttft[index] = -1;
                } finally {
                    done.countDown();
                }
            });
        }
        go.countDown();
        done.await();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " streams failed");
        }
        return ttft;
    }

    private static long direct(HttpClient client, URI base) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(base.resolve("/v1/messages"))
                .header("Content-Type", "application/json").header("x-api-key", "sk-ant-bench")
                .header("anthropic-version", "2023-06-01").POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long first = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null;) {
                if (first == 0 && line.startsWith("data: {\"type\":\"content_block_delta\"")) {
                    first = System.nanoTime();
                }
            }
        }
        return first - started;
    }

    private static long throughGateway(ModelGateway gateway, ModelRequest request) {
        long started = System.nanoTime();
        long[] first = new long[1];
        gateway.stream(request, delta -> {
            if (first[0] == 0) {
                first[0] = System.nanoTime();
            }
        });
        return first[0] - started;
    }

    private static HttpServer fakeAnthropic() throws IOException {
        // Both clients keep their connections alive: 2 x STREAMS idle connections between rounds, more
        // than the JDK server keeps by default (it would close some, and the next round would meet them closed).
        System.setProperty("sun.net.httpserver.maxIdleConnections", "10000");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(threads);
        server.createContext("/v1/messages", GatewayOverhead::answer);
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(HEAD.getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(FIRST_TOKEN_MS);
            out.write(REST.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private static void report(List<Long> direct, List<Long> viaGateway) {
        long[] plain = direct.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] gated = viaGateway.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%n%-28s %10s %10s %10s %10s   (%d streams)%n", "time to first token", "p50", "p90", "p99",
                "max", plain.length);
        row("fake read directly", plain);
        row("through ModelGateway.stream", gated);
        System.out.printf("%-28s %+9.2fms %+9.2fms %+9.2fms %+9.2fms%n", "added by the gateway",
                ms(at(gated, 0.50) - at(plain, 0.50)), ms(at(gated, 0.90) - at(plain, 0.90)),
                ms(at(gated, 0.99) - at(plain, 0.99)), ms(gated[gated.length - 1] - plain[plain.length - 1]));
    }

    private static void row(String label, long[] sorted) {
        System.out.printf("%-28s %8.2fms %8.2fms %8.2fms %8.2fms%n", label, ms(at(sorted, 0.50)), ms(at(sorted, 0.90)),
                ms(at(sorted, 0.99)), ms(sorted[sorted.length - 1]));
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
