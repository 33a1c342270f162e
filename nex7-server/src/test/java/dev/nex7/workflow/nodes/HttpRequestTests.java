package dev.nex7.workflow.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.nex7.integration.LocalHttpServer;
import dev.nex7.integration.LocalHttpServer.Reply;
import dev.nex7.integration.OutboundHttp;
import dev.nex7.integration.OutboundHttpFixtures;
import dev.nex7.plugin.node.Cancellation;
import dev.nex7.plugin.node.Credential;
import dev.nex7.plugin.node.CredentialSlot;
import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeLogger;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.PortType;
import dev.nex7.plugin.node.Resumption;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP request node against a real local server, through the real OutboundHttp and its guard. */
class HttpRequestTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "tok-5f1c2a9e-secret";
    private static final String PASSWORD = "pw-Correct-Horse-42";

    private final LocalHttpServer server = LocalHttpServer.start();
    private final OutboundHttp http = OutboundHttpFixtures.opening("127.0.0.1:" + server.port());
    private final HttpRequest node = new HttpRequest(http, JSON);

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void theDescriptorIsWhatTheCanvasShows() {
        NodeDescriptor descriptor = node.descriptor();
        Map<String, Object> properties = property(descriptor.parameterSchema(), "properties");

        assertThat(descriptor.type()).isEqualTo("http-request");
        assertThat(descriptor.version()).isEqualTo(1);
        assertThat(descriptor.category()).isEqualTo("integration");
        assertThat(descriptor.icon()).isEqualTo("globe");
        assertThat(descriptor.inputs()).containsExactly(new Port("main", "Main", PortType.ANY));
        assertThat(descriptor.outputs()).extracting(Port::name, Port::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("main", PortType.OBJECT));
        assertThat(descriptor.parameterSchema().get("required")).isEqualTo(List.of("url"));
        assertThat(property(properties, "method")).containsEntry("default", "GET").containsEntry("enum",
                List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"));
        assertThat(property(properties, "url")).containsEntry("format", "uri");
        assertThat(property(properties, "bodyType")).containsEntry("default", "none");
        assertThat(property(properties, "timeoutMs")).containsEntry("default", 30_000).containsEntry("minimum", 1)
                .containsEntry("maximum", 300_000);
        assertThat(property(properties, "followRedirects")).containsEntry("default", true);
        assertThat(property(properties, "maxRedirects")).containsEntry("default", 5);
        assertThat(property(properties, "responseFormat")).containsEntry("default", "auto");
        assertThat(property(properties, "failOnHttpError")).containsEntry("default", true);
        assertThat(property(properties, "idempotencyHeader")).containsEntry("default", false);
        assertThat(properties).containsKeys("query", "headers", "body", "contentType", "maxResponseBytes");
        assertThat(descriptor.credentials()).containsExactly(new CredentialSlot("auth",
                List.of("http-bearer", "http-basic", "http-header"), false));
    }

    @Test
    void aJsonBodyIsSentAsJsonAndAJsonAnswerIsParsed() throws Exception {
        server.on("/orders", request -> Reply.json(201, "{\"id\":42,\"ok\":true,\"price\":9.5,\"tags\":[\"a\"]}")
                .withHeader("Set-Cookie", "a=1").withHeader("Set-Cookie", "b=2"));

        Map<String, Object> output = run(params("method", "POST", "url", server.origin() + "/orders", "bodyType", "json",
                "body", Map.of("item", "tea", "quantity", 2)));

        LocalHttpServer.Received sent = server.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        assertThat(JSON.readValue(sent.body(), Map.class)).isEqualTo(Map.of("item", "tea", "quantity", 2));
        assertThat(output.get("status")).isEqualTo(201L);
        assertThat(output.get("body")).isEqualTo(Map.of("id", 42L, "ok", true, "price", 9.5, "tags", List.of("a")));
        assertThat(output.get("url")).isEqualTo(server.origin() + "/orders");
        Map<String, Object> headers = property(output, "headers");
        assertThat(headers.get("content-type")).isEqualTo("application/json");
        assertThat(headers.get("set-cookie")).isEqualTo(List.of("a=1", "b=2"));
    }

    @Test
    void aFormBodyIsUrlEncoded() throws Exception {
        server.on("/form", request -> Reply.text(200, "ok"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "Ada Lovelace");
        fields.put("tags", List.of("a&b", "c=d"));
        fields.put("count", 3L);

        run(params("method", "POST", "url", server.origin() + "/form", "bodyType", "form", "body", fields));

        assertThat(server.last().header("content-type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(server.last().text()).isEqualTo("name=Ada+Lovelace&tags=a%26b&tags=c%3Dd&count=3");
    }

    @Test
    void aRawBodyIsSentAsWrittenWithItsContentType() throws Exception {
        server.on("/import", request -> Reply.text(200, "ok"));

        run(params("method", "PUT", "url", server.origin() + "/import", "bodyType", "raw", "body", "a,b\n1,2\n",
                "contentType", "text/csv", "headers", Map.of("Content-Type", "text/plain")));

        assertThat(server.last().method()).isEqualTo("PUT");
        assertThat(server.last().header("content-type")).isEqualTo("text/csv");
        assertThat(server.last().text()).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void queryParametersArePercentEncodedAndAppendedToTheUrlsOwn() throws Exception {
        server.on("/search", request -> Reply.text(200, "ok"));
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("q", "a b&c");
        query.put("ü", "é/?");
        query.put("page", 2L);

        run(params("url", server.origin() + "/search?fixed=1#top", "query", query, "headers", Map.of("X-Trace", "t-9")));

        assertThat(server.last().rawQuery()).isEqualTo("fixed=1&q=a%20b%26c&%C3%BC=%C3%A9%2F%3F&page=2");
        assertThat(server.last().header("x-trace")).isEqualTo("t-9");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "http-bearer, authorization, Bearer " + TOKEN,
            "http-basic, authorization, Basic dXNlckBleGFtcGxlLmNvbTpwdy1Db3JyZWN0LUhvcnNlLTQy",
            "http-header, x-api-key, " + TOKEN})
    void aCredentialReachesTheServerButNeverTheOutput(String kind, String header, String sent) throws Exception {
        server.on("/echo", request -> Reply.json(200, "{\"seen\":\"" + request.header(header) + "\"}")
                .withHeader("X-Echo", request.header(header)));

        Map<String, Object> output = run(new RunContext(params("url", server.origin() + "/echo",
                "headers", Map.of("Authorization", "Bearer typed-by-hand")), credential(kind)));

        assertThat(server.last().header(header)).isEqualTo(sent);
        String stored = JSON.writeValueAsString(output);
        assertThat(stored).doesNotContain(TOKEN).doesNotContain(PASSWORD)
                .doesNotContain("dXNlckBleGFtcGxlLmNvbTpwdy1Db3JyZWN0LUhvcnNlLTQy").contains("[redacted]");
    }

    @Test
    void aFailureMessageNeverCarriesTheCredentialEvenWhenTheServerEchoesIt() {
        server.on("/missing", request -> Reply.json(404, "{\"error\":\"no such thing\",\"auth\":\""
                + request.header("authorization") + "\"}"));

        NodeFailure failure = fails(new RunContext(params("url", server.origin() + "/missing"),
                credential("http-bearer")));

        assertThat(failure.code()).isEqualTo("http-status");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("HTTP 404 from 127.0.0.1").contains("no such thing")
                .doesNotContain(TOKEN);
    }

    @ParameterizedTest(name = "{0} retryable: {1}")
    @CsvSource({"503, true", "500, true", "429, true", "408, true", "404, false", "400, false", "401, false"})
    void serverErrorsAndThrottlingAreRetryableOtherClientErrorsAreNot(int status, boolean retryable) {
        server.on("/status", request -> Reply.text(status, "status " + status));

        NodeFailure failure = fails(new RunContext(params("url", server.origin() + "/status"), null));

        assertThat(failure.code()).isEqualTo("http-status");
        assertThat(failure.retryable()).isEqualTo(retryable);
        assertThat(failure.getMessage()).startsWith("HTTP " + status);
    }

    @Test
    void withFailOnHttpErrorOffAnErrorStatusIsOutput() throws Exception {
        server.on("/missing", request -> Reply.json(404, "{\"error\":\"gone\"}"));

        Map<String, Object> output = run(params("url", server.origin() + "/missing", "failOnHttpError", false));

        assertThat(output.get("status")).isEqualTo(404L);
        assertThat(output.get("body")).isEqualTo(Map.of("error", "gone"));
    }

    @Test
    void answersAreReadByTheirContentTypeOrAsAsked() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        server.on("/text", request -> Reply.text(200, "plain words"));
        server.on("/image", request -> Reply.of(200, "image/png", png));
        server.on("/problem", request -> Reply.of(200, "application/problem+json",
                "{\"title\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        server.on("/json", request -> Reply.json(200, "{\"a\":1}"));
        server.on("/broken", request -> Reply.json(200, "{not json"));
        server.on("/empty", request -> Reply.of(204, null, new byte[0]));
        String base = server.origin();

        assertThat(run(params("url", base + "/text")).get("body")).isEqualTo("plain words");
        assertThat(run(params("url", base + "/image")).get("body")).isEqualTo(Base64.getEncoder().encodeToString(png));
        assertThat(run(params("url", base + "/problem")).get("body")).isEqualTo(Map.of("title", "x"));
        assertThat(run(params("url", base + "/json", "responseFormat", "text")).get("body")).isEqualTo("{\"a\":1}");
        assertThat(run(params("url", base + "/json", "responseFormat", "binary-base64")).get("body"))
                .isEqualTo(Base64.getEncoder().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertThat(run(params("url", base + "/broken")).get("body")).isEqualTo("{not json");
        assertThat(run(params("url", base + "/empty")).get("body")).isNull();
        assertThat(run(params("method", "head", "url", base + "/json")).get("body")).isNull();
        NodeFailure notJson = fails(new RunContext(params("url", base + "/broken", "responseFormat", "json"), null));
        assertThat(notJson.code()).isEqualTo("invalid-response");
        assertThat(notJson.retryable()).isFalse();
    }

    @Test
    void blockedAddressesAndTimeoutsAreTypedFailures() {
        server.hang("/slow");

        NodeFailure blocked = fails(new RunContext(params("url", "http://169.254.169.254/latest/meta-data/"), null));
        NodeFailure slow = fails(new RunContext(params("url", server.origin() + "/slow", "timeoutMs", 200L), null));

        assertThat(blocked.code()).isEqualTo("blocked-address");
        assertThat(blocked.retryable()).isFalse();
        assertThat(blocked.getMessage()).contains("169.254.169.254 is the cloud metadata address");
        assertThat(slow.code()).isEqualTo("timeout");
        assertThat(slow.retryable()).isTrue();
    }

    @Test
    void redirectsAreFollowedUnlessTurnedOff() throws Exception {
        server.on("/old", request -> Reply.redirect(301, "/new"));
        server.on("/new", request -> Reply.text(200, "moved here"));

        Map<String, Object> followed = run(params("url", server.origin() + "/old"));
        Map<String, Object> kept = run(params("url", server.origin() + "/old", "followRedirects", false));

        assertThat(followed.get("body")).isEqualTo("moved here");
        assertThat(followed.get("url")).isEqualTo(server.origin() + "/new");
        assertThat(kept.get("status")).isEqualTo(301L);
        assertThat(property(kept, "headers").get("location")).isEqualTo("/new");
    }

    @Test
    void theIdempotencyKeyIsSentOnlyWhenAsked() throws Exception {
        server.on("/pay", request -> Reply.text(200, "ok"));

        run(params("method", "POST", "url", server.origin() + "/pay"));
        String without = server.last().header("idempotency-key");
        run(params("method", "POST", "url", server.origin() + "/pay", "idempotencyHeader", true));

        assertThat(without).isNull();
        assertThat(server.last().header("idempotency-key")).isEqualTo("exec-1:http-1:1");
    }

    @Test
    void aCancelledRunSendsNothing() {
        server.on("/", request -> Reply.text(200, "ok"));
        RunContext context = new RunContext(params("url", server.origin() + "/"), null);
        context.cancelled.set(true);

        NodeFailure failure = fails(context);

        assertThat(failure.code()).isEqualTo("cancelled");
        assertThat(server.hits()).isZero();
    }

    @Test
    void invalidParametersArePermanentFailures() {
        String url = server.origin() + "/";

        assertThat(fails(new RunContext(params("method", "GET"), null)).code()).isEqualTo("invalid-parameter");
        assertThat(fails(new RunContext(params("method", "TRACE", "url", url), null)).getMessage())
                .contains("method");
        assertThat(fails(new RunContext(params("url", url, "timeoutMs", 0L), null)).code())
                .isEqualTo("invalid-parameter");
        assertThat(fails(new RunContext(params("url", url, "query", "q=1"), null)).code())
                .isEqualTo("invalid-parameter");
        NodeFailure badUrl = fails(new RunContext(params("url", "http://exa mple.com/?key=" + TOKEN), null));
        assertThat(badUrl.code()).isEqualTo("invalid-url");
        assertThat(badUrl.retryable()).isFalse();
        assertThat(badUrl.getMessage()).doesNotContain(TOKEN);
        assertThat(fails(new RunContext(params("url", "ftp://example.com/"), null)).code()).isEqualTo("invalid-url");
        assertThat(server.hits()).isZero();
    }

    private Map<String, Object> run(Map<String, Object> parameters) throws Exception {
        return run(new RunContext(parameters, null));
    }

    private Map<String, Object> run(RunContext context) throws Exception {
        NodeOutcome outcome = node.execute(context);
        assertThat(outcome).isInstanceOf(NodeOutcome.Emitted.class);
        return property(((NodeOutcome.Emitted) outcome).outputs(), Port.MAIN);
    }

    private NodeFailure fails(RunContext context) {
        NodeFailure failure = catchThrowableOfType(NodeFailure.class, () -> node.execute(context));
        assertThat(failure).as("expected the node to fail").isNotNull();
        return failure;
    }

    private static Credential credential(String kind) {
        return switch (kind) {
            case "http-bearer" -> new Credential("cred-1", kind, Map.of("token", TOKEN));
            case "http-basic" -> new Credential("cred-2", kind, Map.of("username", "user@example.com",
                    "password", PASSWORD));
            case "http-header" -> new Credential("cred-3", kind, Map.of("name", "X-Api-Key", "value", TOKEN));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> property(Map<?, ?> map, String name) {
        return (Map<String, Object>) map.get(name);
    }

    /** A node run as the engine would set it up: parameters resolved, one credential, a cancellation flag. */
    private static final class RunContext implements NodeContext {

        private final Map<String, Object> parameters;
        private final Credential credential;
        final AtomicBoolean cancelled = new AtomicBoolean();
        final List<String> logged = new ArrayList<>();

        RunContext(Map<String, Object> parameters, Credential credential) {
            this.parameters = parameters;
            this.credential = credential;
        }

        @Override public String executionId() { return "exec-1"; }
        @Override public String workflowId() { return "wf-1"; }
        @Override public String nodeId() { return "http-1"; }
        @Override public int attempt() { return 1; }
        @Override public String idempotencyKey() { return "exec-1:http-1:1"; }
        @Override public Object input() { return null; }
        @Override public Map<String, Object> inputs() { return Map.of(); }
        @Override public Map<String, Object> parameters() { return parameters; }

        @Override
        public Optional<Credential> credential(String slot) {
            return slot.equals("auth") ? Optional.ofNullable(credential) : Optional.empty();
        }

        @Override public Optional<Resumption> resumption() { return Optional.empty(); }

        @Override
        public NodeLogger log() {
            return new NodeLogger() {
                @Override public void info(String message) { logged.add(message); }
                @Override public void warn(String message) { logged.add(message); }
            };
        }

        @Override
        public Cancellation cancellation() {
            return cancelled::get;
        }

        @Override public Clock clock() { return Clock.systemUTC(); }
    }
}
