package dev.nex7.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.nex7.integration.LocalHttpServer.Reply;
import dev.nex7.integration.ssrf.SsrfGuard;

/** OutboundHttp against real local HTTP servers, with the guard as it runs in production. */
class OutboundHttpTests {

    private final LocalHttpServer server = LocalHttpServer.start();
    private final LocalHttpServer other = LocalHttpServer.start();
    private final List<OutboundHttp> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(OutboundHttp::close);
        server.close();
        other.close();
    }

    @Test
    void loopbackIsBlockedByDefaultAndNothingIsSent() {
        server.on("/", request -> Reply.text(200, "hello"));

        OutboundHttpException refused = refused(client(), OutboundRequest.get(server.uri("/")));

        assertThat(refused.code()).isEqualTo("blocked-address");
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.getMessage()).contains("127.0.0.1").contains("a loopback address");
        assertThat(server.hits()).isZero();
    }

    @Test
    void anAllowListEntryOpensOneLoopbackPortAndNoOther() throws Exception {
        server.on("/", request -> Reply.text(200, "hello"));
        other.on("/", request -> Reply.text(200, "other"));
        OutboundHttp http = client("127.0.0.1:" + server.port());

        OutboundResponse answer = http.send(OutboundRequest.get(server.uri("/")));
        OutboundHttpException otherPort = refused(http, OutboundRequest.get(other.uri("/")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("hello");
        assertThat(answer.finalUri()).isEqualTo(server.uri("/"));
        assertThat(otherPort.code()).isEqualTo("blocked-address");
        assertThat(other.hits()).isZero();
    }

    @Test
    void localhostIsBlockedByNameUntilAnEntryOpensIt() throws Exception {
        server.on("/", request -> Reply.text(200, "hello"));
        URI byName = URI.create("http://LOCALHOST.:" + server.port() + "/");

        OutboundHttpException refused = refused(client(), OutboundRequest.get(byName));
        OutboundResponse opened = client("localhost:" + server.port()).send(OutboundRequest.get(byName));

        assertThat(refused.code()).isEqualTo("blocked-address");
        assertThat(refused.getMessage()).contains("localhost").contains("this machine");
        assertThat(opened.status()).isEqualTo(200);
        assertThat(server.hits()).isEqualTo(1);
    }

    @Test
    void oddlyWrittenAddressesAreTheAddressTheyDenote() throws Exception {
        server.on("/", request -> Reply.text(200, "hello"));
        int port = server.port();

        for (String host : List.of("2130706433", "0177.0.0.1", "0x7f.0.0.1", "127.1", "127.0.0.1.",
                "[::ffff:127.0.0.1]")) {
            OutboundHttpException refused = refused(client(), OutboundRequest.get(URI.create("http://" + host + ":" + port
                    + "/")));
            assertThat(refused.code()).as(host).isEqualTo("blocked-address");
            assertThat(refused.getMessage()).as(host).contains("127.0.0.1").contains("loopback");
        }
        OutboundResponse opened = client("127.0.0.1:" + port).send(OutboundRequest.get(URI.create("http://0x7f.1:"
                + port + "/")));

        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.finalUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.hits()).isEqualTo(1);
    }

    @Test
    void aRedirectFromAnAllowedHostToABlockedOneIsRefused() {
        server.on("/internal", request -> Reply.redirect(302, other.origin() + "/secret"));
        server.on("/metadata", request -> Reply.redirect(307, "http://169.254.169.254/latest/meta-data/"));
        other.on("/secret", request -> Reply.text(200, "secret"));
        OutboundHttp http = client("127.0.0.1:" + server.port());

        OutboundHttpException internal = refused(http, OutboundRequest.get(server.uri("/internal")));
        OutboundHttpException metadata = refused(http, OutboundRequest.get(server.uri("/metadata")));

        assertThat(internal.code()).isEqualTo("blocked-address");
        assertThat(internal.getMessage()).contains("127.0.0.1 is a loopback address")
                .doesNotContain("secret");
        assertThat(metadata.code()).isEqualTo("blocked-address");
        assertThat(metadata.getMessage()).contains("169.254.169.254 is the cloud metadata address");
        assertThat(other.hits()).isZero();
    }

    @Test
    void aNameIsLookedUpOnceAndTheConnectionGoesToTheAnswerThatWasChecked() throws Exception {
        server.on("/", request -> Reply.text(200, "checked"));
        // First answer: an address the allow-list opens. Every later answer: the metadata address.
        ScriptedResolver rebinding = new ScriptedResolver("127.0.0.1", "169.254.169.254");
        OutboundHttp http = client(rebinding, "127.0.0.1:" + server.port());

        OutboundResponse answer = http.send(OutboundRequest.get(URI.create("http://rebind.test:" + server.port() + "/")));

        assertThat(answer.text()).isEqualTo("checked");
        assertThat(rebinding.calls()).isEqualTo(1);
    }

    @Test
    void aRebindingNameCannotSlipPastTheCheckWithASecondAnswer() {
        server.on("/", request -> Reply.text(200, "reached"));
        // First answer: blocked. Every later answer: the local server, which the allow-list opens.
        ScriptedResolver rebinding = new ScriptedResolver("10.0.0.7", "127.0.0.1");
        OutboundHttp http = client(rebinding, "127.0.0.1:" + server.port());

        OutboundHttpException refused = refused(http,
                OutboundRequest.get(URI.create("http://rebind.test:" + server.port() + "/")));

        assertThat(refused.code()).isEqualTo("blocked-address");
        assertThat(refused.getMessage()).contains("rebind.test resolves to a private address").doesNotContain("10.0.0.7");
        assertThat(rebinding.calls()).isEqualTo(1);
        assertThat(server.hits()).isZero();
    }

    @Test
    void anAnswerMixingPublicAndPrivateAddressesIsRefusedWhole() {
        ScriptedResolver mixed = new ScriptedResolver(List.of("93.184.216.34", "192.168.1.10"));

        OutboundHttpException refused = refused(client(mixed), OutboundRequest.get(URI.create("http://mixed.test/")));

        assertThat(refused.code()).isEqualTo("blocked-address");
        assertThat(refused.getMessage()).contains("mixed.test resolves to a private address");
    }

    @Test
    void responsesLargerThanTheCapAreRefusedWhetherDeclaredOrChunked() throws Exception {
        byte[] big = "x".repeat(5_000).getBytes(StandardCharsets.UTF_8);
        server.on("/declared", request -> Reply.of(200, null, big));
        server.on("/chunked", request -> Reply.of(200, null, big).streamed());
        OutboundHttp http = client("127.0.0.1:" + server.port());

        OutboundHttpException declared = refused(http, capped("/declared", 1_000));
        OutboundHttpException chunked = refused(http, capped("/chunked", 1_000));
        OutboundResponse exact = http.send(capped("/chunked", 5_000));

        assertThat(declared.code()).isEqualTo("response-too-large");
        assertThat(declared.retryable()).isFalse();
        assertThat(chunked.code()).isEqualTo("response-too-large");
        assertThat(exact.body()).hasSize(5_000);
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsARetryableTimeout() {
        server.hang("/slow");
        OutboundHttp http = client("127.0.0.1:" + server.port());

        OutboundHttpException slow = refused(http, OutboundRequest.builder("GET", server.uri("/slow"))
                .timeout(Duration.ofMillis(300)).build());

        assertThat(slow.code()).isEqualTo("timeout");
        assertThat(slow.retryable()).isTrue();
        assertThat(slow.getMessage()).contains("127.0.0.1:" + server.port());
    }

    @Test
    void interruptingTheCallingVirtualThreadCancelsTheCall() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.on("/wait", request -> {
            arrived.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.text(200, "late");
        });
        OutboundHttp http = client("127.0.0.1:" + server.port());
        AtomicReference<Throwable> outcome = new AtomicReference<>();

        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                http.send(OutboundRequest.get(server.uri("/wait")));
            } catch (Throwable failure) {
                outcome.set(failure);
            }
        });
        arrived.await();
        caller.interrupt();
        caller.join();
        release.countDown();

        assertThat(outcome.get()).isInstanceOf(OutboundHttpException.class);
        assertThat(((OutboundHttpException) outcome.get()).code()).isEqualTo("cancelled");
    }

    @Test
    void aClosedPortIsARetryableConnectFailure() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        OutboundHttpException refused = refused(client("127.0.0.1"),
                OutboundRequest.get(URI.create("http://127.0.0.1:" + closed + "/")));

        assertThat(refused.code()).isEqualTo("connect-failed");
        assertThat(refused.retryable()).isTrue();
    }

    @Test
    void aCrossOriginRedirectDropsCredentialsAndASameOriginOneKeepsThem() throws Exception {
        server.on("/away", request -> Reply.redirect(302, other.origin() + "/landing"));
        server.on("/here", request -> Reply.redirect(302, "/landing"));
        server.on("/landing", request -> Reply.text(200, "same"));
        other.on("/landing", request -> Reply.text(200, "other"));
        OutboundHttp http = client("127.0.0.1");

        http.send(withCredentials(server.uri("/away")));
        http.send(withCredentials(server.uri("/here")));

        LocalHttpServer.Received crossed = other.last();
        assertThat(crossed.header("authorization")).isNull();
        assertThat(crossed.header("cookie")).isNull();
        assertThat(crossed.header("x-trace")).isEqualTo("t-1");
        LocalHttpServer.Received stayed = server.last();
        assertThat(stayed.path()).isEqualTo("/landing");
        assertThat(stayed.header("authorization")).isEqualTo("Bearer s3cr3t-token");
        assertThat(stayed.header("cookie")).isEqualTo("session=abc");
    }

    @Test
    void a303TurnsAPostIntoAGetWithoutBodyAndA307KeepsBoth() throws Exception {
        server.on("/see-other", request -> Reply.redirect(303, "/result"));
        server.on("/temporary", request -> Reply.redirect(307, "/result"));
        server.on("/result", request -> Reply.text(200, request.method() + ":" + request.text()));
        OutboundHttp http = client("127.0.0.1");

        OutboundResponse seeOther = http.send(OutboundRequest.post(server.uri("/see-other"), "text/plain",
                "payload".getBytes(StandardCharsets.UTF_8)));
        String seeOtherType = server.last().header("content-type");
        OutboundResponse temporary = http.send(OutboundRequest.post(server.uri("/temporary"), "text/plain",
                "payload".getBytes(StandardCharsets.UTF_8)));

        assertThat(seeOther.text()).isEqualTo("GET:");
        assertThat(seeOtherType).isNull();
        assertThat(seeOther.finalUri()).isEqualTo(server.uri("/result"));
        assertThat(temporary.text()).isEqualTo("POST:payload");
    }

    @Test
    void redirectsStopAtTheRequestsLimitOrAreNotFollowedAtAll() throws Exception {
        server.on("/loop", request -> Reply.redirect(302, "/loop"));
        OutboundHttp http = client("127.0.0.1");

        OutboundHttpException tooMany = refused(http, OutboundRequest.builder("GET", server.uri("/loop"))
                .maxRedirects(3).build());
        int hitsWhenFollowing = server.hits();
        OutboundResponse unfollowed = http.send(OutboundRequest.builder("GET", server.uri("/loop"))
                .followRedirects(false).build());

        assertThat(tooMany.code()).isEqualTo("too-many-redirects");
        assertThat(hitsWhenFollowing).isEqualTo(4);
        assertThat(unfollowed.status()).isEqualTo(302);
        assertThat(unfollowed.header("Location")).isEqualTo("/loop");
    }

    @Test
    void urlsWithUserInformationOrOtherSchemesAreInvalidAndNotEchoed() {
        OutboundHttp http = client("127.0.0.1");

        OutboundHttpException userInfo = refused(http,
                OutboundRequest.get(URI.create("http://admin:hunter2@127.0.0.1:" + server.port() + "/")));
        OutboundHttpException file = refused(http, OutboundRequest.get(URI.create("file:///etc/passwd")));
        OutboundHttpException zone = refused(http, OutboundRequest.get(URI.create("http://[fe80::1%25eth0]/")));

        assertThat(userInfo.code()).isEqualTo("invalid-url");
        assertThat(userInfo.getMessage()).doesNotContain("hunter2").doesNotContain("admin");
        assertThat(file.code()).isEqualTo("invalid-url");
        assertThat(zone.code()).isEqualTo("invalid-url");
        assertThat(server.hits()).isZero();
    }

    @Test
    void headersThatCouldSplitTheRequestAreRefusedAndConnectionHeadersIgnored() throws Exception {
        server.on("/", request -> Reply.text(200, "ok"));
        OutboundHttp http = client("127.0.0.1");

        OutboundHttpException split = refused(http, OutboundRequest.builder("GET", server.uri("/"))
                .header("X-Note", "a\r\nX-Injected: yes").build());
        http.send(OutboundRequest.builder("GET", server.uri("/")).header("Host", "evil.example").build());

        assertThat(split.code()).isEqualTo("invalid-request");
        assertThat(split.getMessage()).doesNotContain("Injected");
        assertThat(server.last().header("host")).isEqualTo("127.0.0.1:" + server.port());
    }

    @Test
    void withTheGuardOffLoopbackIsReachable() throws Exception {
        server.on("/", request -> Reply.text(200, "open"));
        OutboundHttp http = register(new OutboundHttp(IntegrationSettings.defaults(false, List.of()),
                new SsrfGuard(false, List::of, HostResolver.system())));

        assertThat(http.send(OutboundRequest.get(server.uri("/"))).text()).isEqualTo("open");
    }

    private OutboundRequest capped(String path, long bytes) {
        return OutboundRequest.builder("GET", server.uri(path)).maxResponseBytes(bytes).build();
    }

    private static OutboundRequest withCredentials(URI uri) {
        return OutboundRequest.builder("GET", uri).header("Authorization", "Bearer s3cr3t-token")
                .header("Cookie", "session=abc").header("X-Trace", "t-1").build();
    }

    private static OutboundHttpException refused(OutboundHttp http, OutboundRequest request) {
        OutboundHttpException failure = catchThrowableOfType(OutboundHttpException.class, () -> http.send(request));
        assertThat(failure).as("expected %s to fail", request).isNotNull();
        return failure;
    }

    private OutboundHttp client(String... allowed) {
        return client(HostResolver.system(), allowed);
    }

    private OutboundHttp client(HostResolver resolver, String... allowed) {
        return register(OutboundHttpFixtures.opening(resolver, allowed));
    }

    private OutboundHttp register(OutboundHttp http) {
        clients.add(http);
        return http;
    }

    /** Answers with the first list once, then with the second (or the first again) forever. */
    static final class ScriptedResolver implements HostResolver {

        private final List<InetAddress> first;
        private final List<InetAddress> later;
        private final AtomicInteger calls = new AtomicInteger();

        ScriptedResolver(String first, String later) {
            this(List.of(first), List.of(later));
        }

        ScriptedResolver(List<String> always) {
            this(always, always);
        }

        ScriptedResolver(List<String> first, List<String> later) {
            this.first = first.stream().map(ScriptedResolver::literal).toList();
            this.later = later.stream().map(ScriptedResolver::literal).toList();
        }

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            return calls.getAndIncrement() == 0 ? first : later;
        }

        int calls() {
            return calls.get();
        }

        private static InetAddress literal(String address) {
            try {
                return InetAddress.getByName(address);
            } catch (IOException e) {
                throw new IllegalArgumentException(address, e);
            }
        }
    }
}
