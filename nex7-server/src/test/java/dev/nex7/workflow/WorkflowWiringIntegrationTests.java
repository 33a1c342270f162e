package dev.nex7.workflow;

import static dev.nex7.workflow.WorkflowFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import dev.nex7.integration.LocalHttpServer;
import dev.nex7.integration.LocalHttpServer.Reply;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import tools.jackson.databind.JsonNode;

/** The engine with the rest of NEX7: expressions in parameters, credentials from the vault, signed webhooks. */
class WorkflowWiringIntegrationTests extends WorkflowIntegrationTest {

    record Flow(String project, String workflow) {
    }

    Flow flow(Session owner, Map<String, Object> definition) {
        String project = project(owner);
        return new Flow(project, workflow(owner, project, definition));
    }

    String credential(Session owner, String project, Map<String, Object> body) {
        Response created = api.post("/api/projects/" + project + "/credentials").token(owner.accessToken()).json(body).send();
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    String activate(Session owner, String workflow) {
        Response version = api.post("/api/workflows/" + workflow + "/versions").token(owner.accessToken()).send();
        assertThat(version.status()).as(version.text()).isEqualTo(201);
        api.put("/api/workflows/" + workflow + "/activation").token(owner.accessToken()).json(Api.map("version", 1)).send();
        return api.get("/api/workflows/" + workflow).token(owner.accessToken()).send().json().path("webhookPath").asString();
    }

    static Map<String, Object> respondingHook() {
        return definition()
                .node("hook", "webhook-trigger", Map.of("method", "POST", "responseMode", "respond-node"))
                .node("set", "set", Map.of("fields", List.of(Map.of("name", "n", "value", "{{ body.n + 1 }}"),
                        Map.of("name", "msg", "value", "{{ body.msg }}"))))
                .node("reply", "respond-to-webhook", Map.of("body", "{{ $input }}"))
                .edge("hook", "set")
                .edge("set", "reply")
                .build();
    }

    @Test
    void aWebhookFlowComputesWithExpressionsAndNeverEvaluatesTheCallersText() {
        Session owner = newUser("Counter");
        Flow flow = flow(owner, respondingHook());
        String path = activate(owner, flow.workflow());

        Response answered = api.post(path).json(Map.of("n", 0, "msg", "hello", "id", "abc123")).send();
        Response injected = api.post(path).json(Map.of("n", 41, "msg", "{{ $execution.id }}")).send();

        assertThat(answered.status()).as(answered.text()).isEqualTo(200);
        assertThat(answered.json().path("n").asInt()).isEqualTo(1);
        assertThat(answered.json().path("msg").asString()).isEqualTo("hello");
        assertThat(injected.json().path("n").asInt()).isEqualTo(42);
        // Data that arrives with {{ }} in it stays data.
        assertThat(injected.json().path("msg").asString()).isEqualTo("{{ $execution.id }}");
    }

    @Test
    void aFailingExpressionFailsItsNodeWithTheExpressionsError() {
        Session owner = newUser("Divider");
        Flow flow = flow(owner, definition()
                .node("start", "manual-trigger", Map.of())
                .node("set", "set", Map.of("fields", List.of(Map.of("name", "x", "value", "{{ $error('no good') }}"))))
                .edge("start", "set")
                .build());

        JsonNode done = awaitStatus(owner, runWith(owner, flow.workflow(), Api.map("a", 1)), "failed");

        assertThat(done.path("execution").path("status").asString()).isEqualTo("failed");
        assertThat(node(done, "set").path("error").path("code").asString()).isEqualTo("expression-error");
        assertThat(node(done, "set").path("error").path("message").asString()).contains("no good");
    }

    @Test
    void validationNamesBadExpressionsAndCredentialsOutsideTheProject() {
        Session owner = newUser("Checker");
        Flow flow = flow(owner, definition().node("start", "manual-trigger", Map.of()).build());
        Flow other = flow(owner, definition().node("start", "manual-trigger", Map.of()).build());
        String foreign = credential(owner, other.project(), Api.map("kind", "http-bearer", "name", "Elsewhere", "data", Api.map("token", "t")));
        String smtp = credential(owner, flow.project(), Api.map("kind", "smtp", "name", "Mail",
                "data", Api.map("host", "mail.example.com", "from", "ops@example.com")));
        replaceDraft(owner, flow.workflow(), definition()
                .node("start", "manual-trigger", Map.of())
                .node("call", "http-request", Map.of("url", "https://api.example.com/{{ $input.id ", "headers", Map.of("X-A", "{{ ) }}")))
                .with("credentials", Map.of("auth", foreign))
                .node("call2", "http-request", Map.of("url", "https://api.example.com/")).with("credentials", Map.of("auth", smtp))
                .edge("start", "call")
                .edge("start", "call2")
                .build());

        Response refused = api.post("/api/workflows/" + flow.workflow() + "/versions").token(owner.accessToken()).send();

        assertThat(refused.status()).isEqualTo(400);
        List<String> problems = refused.json().path("problems").valueStream()
                .map(p -> p.path("code").asString() + " " + p.path("pointer").asString()).toList();
        assertThat(problems).contains(
                "invalid-expression /nodes/1/parameters/url",
                "invalid-expression /nodes/1/parameters/headers/X-A",
                "dangling-credential /nodes/1/credentials/auth",
                "credential-kind /nodes/2/credentials/auth");
    }

    @Test
    void anHttpRequestSignsInWithAVaultCredentialThatNeverShowsInTheExecution() {
        Session owner = newUser("Caller");
        Session admin = admin();
        String canary = "canary-" + java.util.UUID.randomUUID();
        try (LocalHttpServer server = LocalHttpServer.start().on("/orders", received -> Reply.json(200, "{\"echo\":\""
                + received.header("Authorization") + "\"}"))) {
            api.post("/api/admin/outbound-allow-list").token(admin.accessToken()).json(Api.map("entry", "127.0.0.1:" + server.port()))
                    .send();
            Flow flow = flow(owner, definition().node("start", "manual-trigger", Map.of()).build());
            String token = credential(owner, flow.project(), Api.map("kind", "http-bearer", "name", "Orders API", "data", Api.map("token", canary)));
            replaceDraft(owner, flow.workflow(), definition()
                    .node("start", "manual-trigger", Map.of())
                    .node("call", "http-request", Map.of("url", "http://127.0.0.1:" + server.port() + "/orders?id={{ $input.id }}"))
                    .with("credentials", Map.of("auth", token))
                    .edge("start", "call")
                    .build());

            String execution = runWith(owner, flow.workflow(), Api.map("id", "abc"));
            JsonNode done = awaitStatus(owner, execution, "succeeded");
            String everything = api.get("/api/executions/" + execution).token(owner.accessToken()).send().text();

            assertThat(done.path("execution").path("status").asString()).as(everything).isEqualTo("succeeded");
            assertThat(server.last().header("Authorization")).isEqualTo("Bearer " + canary);
            assertThat(server.last().rawQuery()).isEqualTo("id=abc");
            assertThat(everything).doesNotContain(canary);
        }
    }

    @Test
    void computedNodesAreRecordedBeforeTheExecutionWaitsForASlowCallOrParks() {
        // Pure nodes' runs are held back and written together; they must be visible while a slow node runs and once parked.
        Session owner = newUser("Patient");
        Session admin = admin();
        try (LocalHttpServer server = LocalHttpServer.start().hang("/slow")) {
            api.post("/api/admin/outbound-allow-list").token(admin.accessToken()).json(Api.map("entry", "127.0.0.1:" + server.port()))
                    .send();
            Flow slow = flow(owner, definition()
                    .node("start", "manual-trigger", Map.of())
                    .node("compute", "set", Map.of("fields", List.of(Map.of("name", "doubled", "value", "{{ n * 2 }}"))))
                    .node("call", "http-request", Map.of("url", "http://127.0.0.1:" + server.port() + "/slow"))
                    .edge("start", "compute")
                    .edge("compute", "call")
                    .build());
            Flow parking = flow(owner, definition()
                    .node("start", "manual-trigger", Map.of())
                    .node("compute", "set", Map.of("fields", List.of(Map.of("name", "doubled", "value", "{{ n * 2 }}"))))
                    .node("pause", "wait", Map.of("amount", 1, "unit", "hours"))
                    .edge("start", "compute")
                    .edge("compute", "pause")
                    .build());

            String calling = runWith(owner, slow.workflow(), Api.map("n", 21));
            JsonNode[] during = new JsonNode[1];
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                during[0] = api.get("/api/executions/" + calling).token(owner.accessToken()).send().json();
                return during[0].path("nodes").valueStream().anyMatch(n -> n.path("nodeId").asString().equals("compute"));
            });
            JsonNode parked = awaitStatus(owner, runWith(owner, parking.workflow(), Api.map("n", 4)), "waiting");
            api.post("/api/executions/" + calling + "/cancel").token(owner.accessToken()).send();

            assertThat(during[0].path("execution").path("status").asString()).isEqualTo("running");
            assertThat(node(during[0], "compute").path("output").path("main").path("doubled").asInt()).isEqualTo(42);
            assertThat(node(during[0], "start").path("status").asString()).isEqualTo("succeeded");
            assertThat(node(parked, "compute").path("output").path("main").path("doubled").asInt()).isEqualTo(8);
        }
    }

    @Test
    void aSignedWebhookTakesOnlyCallsSignedWithItsSecret() throws Exception {
        Session owner = newUser("Signer");
        Flow flow = flow(owner, definition().node("hook", "webhook-trigger", Map.of()).build());
        String secret = "whsec-" + java.util.UUID.randomUUID();
        String hmac = credential(owner, flow.project(), Api.map("kind", "hmac", "name", "Hook secret", "data", Api.map("secret", secret)));
        replaceDraft(owner, flow.workflow(), definition().node("hook", "webhook-trigger", Map.of("method", "POST")).with("credentials", Map.of("hmac", hmac)).build());
        String path = activate(owner, flow.workflow());
        String body = "{\"n\":1}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));

        Response unsigned = api.post(path).raw("application/json", body).send();
        Response forged = api.post(path).header("X-Signature-256", "sha256=" + "ab".repeat(32)).raw("application/json", body).send();
        Response tampered = api.post(path).header("X-Signature-256", signature).raw("application/json", "{\"n\":2}").send();
        Response signed = api.post(path).header("X-Signature-256", signature).raw("application/json", body).send();

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.problemType()).isEqualTo("webhook-signature");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(signed.status()).as(signed.text()).isEqualTo(202);
        JsonNode list = api.get("/api/executions?workflowId=" + flow.workflow()).token(owner.accessToken()).send().json();
        assertThat(list.path("totalItems").asInt()).isEqualTo(1);
    }
}
