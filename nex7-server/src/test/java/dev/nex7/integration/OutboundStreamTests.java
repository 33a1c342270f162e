package dev.nex7.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.nex7.integration.LocalHttpServer.Reply;

/** OutboundHttp.open: bodies read as they arrive, under the same guard and limits as whole-body calls. */
class OutboundStreamTests {

    private final LocalHttpServer server = LocalHttpServer.start();
    private final List<OutboundHttp> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(OutboundHttp::close);
        server.close();
    }

    @Test
    void theFirstPieceIsReadableBeforeTheServerHasSentTheRest() throws Exception {
        CountDownLatch firstRead = new CountDownLatch(1);
        server.onStream("/events", "text/event-stream", (request, out) -> {
            out.send("data: one\n\n");
            // The rest only goes out once the client has read the first piece.
            firstRead.await();
            out.send("data: two\n\n");
        });
        OutboundHttp http = client("127.0.0.1:" + server.port());

        List<String> lines = new ArrayList<>();
        try (OutboundStream stream = http.open(OutboundRequest.get(server.uri("/events")))) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            lines.add(reader.readLine());
            firstRead.countDown();
            for (String line; (line = reader.readLine()) != null;) {
                lines.add(line);
            }
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).isEqualTo("text/event-stream");
            assertThat(stream.finalUri()).isEqualTo(server.uri("/events"));
        }

        assertThat(lines).containsExactly("data: one", "", "data: two", "");
    }

    @Test
    void loopbackIsBlockedWithoutAnAllowListEntryAndNothingIsSent() {
        server.onStream("/events", "text/event-stream", (request, out) -> out.send("data: secret\n\n"));

        OutboundHttpException refused = refused(client(), OutboundRequest.get(server.uri("/events")));

        assertThat(refused.code()).isEqualTo("blocked-address");
        assertThat(server.hits()).isZero();
    }

    @Test
    void aRedirectIsFollowedAndCheckedLikeAWholeBodyCall() throws Exception {
        server.on("/moved", request -> Reply.redirect(307, "/events"));
        server.on("/metadata", request -> Reply.redirect(307, "http://169.254.169.254/latest/meta-data/"));
        server.onStream("/events", "text/event-stream", (request, out) -> out.send("data: " + request.text()
                + "\n\n"));
        OutboundHttp http = client("127.0.0.1:" + server.port());

        String body;
        try (OutboundStream stream = http.open(OutboundRequest.post(server.uri("/moved"), "text/plain",
                "kept".getBytes(StandardCharsets.UTF_8)))) {
            body = stream.text(1_000);
            assertThat(stream.finalUri()).isEqualTo(server.uri("/events"));
        }
        OutboundHttpException metadata = refused(http, OutboundRequest.get(server.uri("/metadata")));

        assertThat(body).isEqualTo("data: kept\n\n");
        assertThat(metadata.code()).isEqualTo("blocked-address");
    }

    @Test
    void aStreamThatGoesSilentLongerThanTheTimeoutFailsWithARetryableTimeout() throws Exception {
        server.onStream("/silent", "text/event-stream", (request, out) -> {
            out.send("data: first\n\n");
            server.awaitClose();
        });
        OutboundHttp http = client("127.0.0.1:" + server.port());

        try (OutboundStream stream = http.open(OutboundRequest.builder("GET", server.uri("/silent"))
                .timeout(Duration.ofMillis(300)).build())) {
            byte[] first = stream.body().readNBytes("data: first\n\n".length());
            OutboundHttpException silent = catchThrowableOfType(OutboundHttpException.class,
                    () -> stream.body().read());

            assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("data: first\n\n");
            assertThat(silent.code()).isEqualTo("timeout");
            assertThat(silent.retryable()).isTrue();
        }
    }

    @Test
    void interruptingTheReadingVirtualThreadCancelsTheStream() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        server.onStream("/long", "text/event-stream", (request, out) -> {
            out.send("data: first\n\n");
            server.awaitClose();
        });
        OutboundHttp http = client("127.0.0.1:" + server.port());
        AtomicReference<Throwable> outcome = new AtomicReference<>();

        Thread reader = Thread.ofVirtual().start(() -> {
            try (OutboundStream stream = http.open(OutboundRequest.get(server.uri("/long")))) {
                stream.body().readNBytes("data: first\n\n".length());
                reading.countDown();
                stream.body().read();
            } catch (Throwable failure) {
                outcome.set(failure);
            }
        });
        reading.await();
        reader.interrupt();
        reader.join();

        assertThat(outcome.get()).isInstanceOf(OutboundHttpException.class);
        assertThat(((OutboundHttpException) outcome.get()).code()).isEqualTo("cancelled");
    }

    @Test
    void readingPastTheCapFailsAsTooLarge() throws Exception {
        server.onStream("/big", "application/octet-stream", (request, out) -> {
            for (int i = 0; i < 10; i++) {
                out.send("x".repeat(500));
            }
        });
        OutboundHttp http = client("127.0.0.1:" + server.port());

        try (OutboundStream stream = http.open(OutboundRequest.builder("GET", server.uri("/big"))
                .maxResponseBytes(1_000).build())) {
            OutboundHttpException tooLarge = catchThrowableOfType(OutboundHttpException.class,
                    () -> stream.body().readAllBytes());

            assertThat(tooLarge.code()).isEqualTo("response-too-large");
        }
    }

    @Test
    void closingBeforeTheEndDropsTheConnectionInsteadOfReadingTheRest() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        server.onStream("/endless", "text/event-stream", (request, out) -> {
            out.send("data: first\n\n");
            // Nothing more until the client has closed: a close that read on would wait here forever.
            closed.await();
            out.send("data: too late\n\n");
        });
        server.on("/next", request -> Reply.text(200, "still fine"));
        OutboundHttp http = client("127.0.0.1:" + server.port());

        OutboundStream stream = http.open(OutboundRequest.get(server.uri("/endless")));
        stream.body().readNBytes(5);
        stream.close();
        closed.countDown();
        OutboundResponse next = http.send(OutboundRequest.get(server.uri("/next")));

        assertThat(next.text()).isEqualTo("still fine");
        assertThat(catchThrowableOfType(OutboundHttpException.class, () -> stream.body().read())).isNotNull();
    }

    private static OutboundHttpException refused(OutboundHttp http, OutboundRequest request) {
        OutboundHttpException failure = catchThrowableOfType(OutboundHttpException.class, () -> {
            try (OutboundStream ignored = http.open(request)) {
                // Opened: the test fails below.
            }
        });
        assertThat(failure).as("expected %s to fail", request).isNotNull();
        return failure;
    }

    private OutboundHttp client(String... allowed) {
        OutboundHttp http = OutboundHttpFixtures.opening(allowed);
        clients.add(http);
        return http;
    }
}
