package dev.nex7.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.nex7.deployment.DeploymentEvents.DeploymentFailed;
import dev.nex7.notification.delivery.Channel;
import dev.nex7.notification.delivery.Deliveries;
import dev.nex7.notification.delivery.Outbox;
import dev.nex7.notification.webhook.ProjectWebhooks;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A project's outgoing webhook against a real HTTP receiver (WireMock): configured by owners, seen
 * by members without its secret, called with a signed Slack-compatible body, retried durably with
 * backoff on 5xx (driven here by moving the clock and running the outbox), never on other 4xx,
 * given up after the maximum attempts, and held to the SSRF guard.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebhookNotificationIntegrationTests extends NotificationIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Outbox outbox;

    @Autowired
    ProjectWebhooks webhooks;

    @Autowired
    Deliveries deliveries;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOwnerGetsTheSecretOnceAndMembersSeeTheWebhookWithoutItOrTheUrlsPath(CapturedOutput output) {
        Session owner = newUser("Hook Owner");
        Session viewer = newUser("Hook Viewer");
        String project = project(owner, "Hooks");
        addMember(owner, project, viewer, "viewer");
        String url = "https://hooks.slack.com/services/T000/B000/" + UUID.randomUUID();

        Response created = configure(owner, project, Api.map("url", url, "kinds", List.of("deployment_failed", "rolled_back")));
        Response again = configure(owner, project, Api.map("url", url, "enabled", false));
        Response asOwner = api.get(path(project)).token(owner.accessToken()).send();
        Response asViewer = api.get(path(project)).token(viewer.accessToken()).send();
        Response rotated = configure(owner, project, Api.map("url", url, "rotateSecret", true));

        String secret = created.json().path("secret").asString();
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(created.json().path("kinds").valueStream().map(JsonNode::asString)).containsExactly("deployment_failed", "rolled_back");
        assertThat(again.json().has("secret") && !again.json().path("secret").isNull()).isFalse();
        assertThat(again.json().path("enabled").asBoolean()).isFalse();
        assertThat(again.json().path("kinds")).hasSize(5);
        assertThat(asOwner.json().path("url").asString()).isEqualTo(url);
        assertThat(asViewer.status()).isEqualTo(200);
        assertThat(asViewer.json().path("url").asString()).isEqualTo("https://hooks.slack.com/…");
        assertThat(rotated.json().path("secret").asString()).startsWith("whsec_").isNotEqualTo(secret);
        for (Response response : List.of(again, asOwner, asViewer)) {
            assertThat(response.text()).doesNotContain(secret);
        }
        assertThat(asViewer.text()).doesNotContain(url);
        assertThat(output.getAll()).doesNotContain(secret).doesNotContain(rotated.json().path("secret").asString());
    }

    @Test
    void aDeploymentEventIsPostedSignedOverTimestampAndBodyInASlackCompatibleShape() throws Exception {
        Session owner = newUser("Signer");
        String project = project(owner, "Signed");
        String hook = hookAnswering(200);
        String secret = configure(owner, project, Api.map("url", receiverUrl(hook))).json().path("secret").asString();
        DeploymentFailed event = failed(project);

        publish(event);

        LoggedRequest call = awaitCalls(hook, 1).getFirst();
        String body = call.getBodyAsString();
        String timestamp = call.getHeader("X-Nex7-Timestamp");
        assertThat(call.getHeader("X-Nex7-Signature")).isEqualTo("sha256=" + hmac(secret, timestamp + "." + body));
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(300L));
        assertThat(call.getHeader("Content-Type")).startsWith("application/json");
        assertThat(call.getHeader("X-Nex7-Event")).isEqualTo("deployment_failed");
        JsonNode json = JSON.readTree(body);
        assertThat(json.path("text").asString()).contains("Deployment failed in Signed").contains("Cannot find module 'left-pad'");
        assertThat(json.path("blocks").get(0).path("type").asString()).isEqualTo("header");
        assertThat(json.path("blocks").get(1).path("text").path("type").asString()).isEqualTo("mrkdwn");
        String link = PUBLIC_URL + "/projects/" + project + "/deployments/" + event.deploymentId();
        assertThat(json.path("blocks").get(2).path("elements").get(0).path("url").asString()).isEqualTo(link);
        JsonNode nex7 = json.path("nex7");
        assertThat(nex7.path("kind").asString()).isEqualTo("deployment_failed");
        assertThat(nex7.path("project").path("id").asString()).isEqualTo(project);
        assertThat(nex7.path("project").path("name").asString()).isEqualTo("Signed");
        assertThat(nex7.path("deploymentId").asString()).isEqualTo(event.deploymentId().toString());
        assertThat(nex7.path("link").asString()).isEqualTo(link);
        assertThat(nex7.path("deliveryId").asString()).isEqualTo(call.getHeader("X-Nex7-Delivery"));
        JsonNode delivery = awaitDelivery(owner, project, "delivered");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.path("lastStatus").asInt()).isEqualTo(200);
    }

    @Test
    void aServerErrorIsRetriedAfterTheBackoffAndThenDelivered() {
        Session owner = newUser("Retrier");
        String project = project(owner, "Retries");
        String hook = hookPath();
        receiver.stubFor(post(urlEqualTo(hook)).inScenario(hook).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(500)));
        receiver.stubFor(post(urlEqualTo(hook)).inScenario(hook).whenScenarioStateIs("recovered").willReturn(aResponse().withStatus(204)));
        configure(owner, project, Api.map("url", receiverUrl(hook)));

        publish(failed(project));
        JsonNode first = awaitDelivery(owner, project, "pending", 500);
        assertThat(first.path("lastError").asString()).isEqualTo("HTTP 500");
        assertThat(Instant.parse(first.path("nextAttemptAt").asString())).isAfter(clock.instant().plusSeconds(59));

        // Not due yet: nothing happens.
        outbox.runDue();
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(hook)))).hasSize(1);
        clock.advance(Duration.ofMinutes(2));
        outbox.runDue();

        JsonNode delivered = awaitDelivery(owner, project, "delivered");
        assertThat(delivered.path("attempts").asInt()).isEqualTo(2);
        List<LoggedRequest> calls = awaitCalls(hook, 2);
        assertThat(calls.get(0).getHeader("X-Nex7-Delivery")).isEqualTo(calls.get(1).getHeader("X-Nex7-Delivery"));
        assertThat(calls.get(0).getBodyAsString()).isEqualTo(calls.get(1).getBodyAsString());
    }

    @Test
    void deliveryIsGivenUpAfterTheMaximumAttempts() {
        Session owner = newUser("Quitter");
        String project = project(owner, "Gives up");
        String hook = hookAnswering(503);
        configure(owner, project, Api.map("url", receiverUrl(hook)));

        publish(failed(project));
        awaitDelivery(owner, project, "pending", 503);
        // Each wait is at most the longest backoff (4 minutes here) plus a fifth.
        for (int attempt = 2; attempt <= 4; attempt++) {
            clock.advance(Duration.ofMinutes(5));
            outbox.runDue();
        }

        // Signed in again: the access token from before the clock moved has expired.
        JsonNode failed = awaitDelivery(login(owner.email()), project, "failed");
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        assertThat(failed.path("lastError").asString()).isEqualTo("Gave up after 3 attempts: HTTP 503");
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(hook)))).hasSize(3);
    }

    @Test
    void aClientErrorIsNotRetried() {
        Session owner = newUser("Refused");
        String project = project(owner, "Refused");
        String hook = hookAnswering(400);
        configure(owner, project, Api.map("url", receiverUrl(hook)));

        publish(failed(project));
        JsonNode failed = awaitDelivery(owner, project, "failed");
        clock.advance(Duration.ofHours(2));
        outbox.runDue();

        assertThat(failed.path("attempts").asInt()).isEqualTo(1);
        assertThat(failed.path("lastStatus").asInt()).isEqualTo(400);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(hook)))).hasSize(1);
    }

    @Test
    void kindsTheWebhookDoesNotPostAndADisabledWebhookAreNotCalled() {
        Session owner = newUser("Picky");
        String picky = project(owner, "Picky");
        String off = project(owner, "Off");
        String hook = hookAnswering(200);
        configure(owner, picky, Api.map("url", receiverUrl(hook), "kinds", List.of("rolled_back")));
        configure(owner, off, Api.map("url", receiverUrl(hook), "enabled", false));

        publish(failed(picky));
        publish(failed(off));
        awaitNotifications(owner, list -> list.size() == 2);
        outbox.runDue();

        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(hook)))).isEmpty();
        assertThat(api.get(path(picky)).token(owner.accessToken()).send().json().path("deliveries")).isEmpty();
    }

    @Test
    void theTestButtonReportsTheOutcomeAndAnAddressOnThisMachineIsBlockedUntilAnAdministratorAllowsIt() {
        WireMockServer local = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        local.start();
        try {
            local.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
            Session owner = newUser("Tester");
            String project = project(owner, "Tests");
            configure(owner, project, Api.map("url", "http://127.0.0.1:" + local.port() + "/hook"));

            Response blocked = api.post(path(project) + "/test").token(owner.accessToken()).send();
            api.post("/api/admin/outbound-allow-list").token(admin().accessToken()).json(Api.map("entry", "127.0.0.1:" + local.port())).send();
            Response allowed = api.post(path(project) + "/test").token(owner.accessToken()).send();

            assertThat(blocked.status()).as(blocked.text()).isEqualTo(200);
            assertThat(blocked.json().path("delivered").asBoolean()).isFalse();
            assertThat(blocked.json().path("error").asString()).startsWith("blocked-address");
            assertThat(allowed.json().path("delivered").asBoolean()).as(allowed.text()).isTrue();
            assertThat(allowed.json().path("status").asInt()).isEqualTo(200);
            assertThat(local.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
            JsonNode body = JSON.readTree(local.findAll(postRequestedFor(urlEqualTo("/hook"))).getFirst().getBodyAsString());
            assertThat(body.path("nex7").path("kind").asString()).isEqualTo("test");
            List<JsonNode> deliveries = api.get(path(project)).token(owner.accessToken()).send().json().path("deliveries").valueStream().toList();
            assertThat(deliveries).extracting(d -> d.path("status").asString()).containsExactlyInAnyOrder("delivered", "failed");
        } finally {
            local.stop();
        }
    }

    @Test
    void badInputIsAProblemAndOnlyOwnersConfigure() {
        Session owner = newUser("Strict");
        Session editor = newUser("Editor");
        Session stranger = newUser("Stranger");
        String project = project(owner, "Strict");
        addMember(owner, project, editor, "editor");
        String url = "https://hooks.example.com/nex7";

        Response notHttp = configure(owner, project, Api.map("url", "ftp://hooks.example.com/x"));
        Response withUser = configure(owner, project, Api.map("url", "https://user:pw@hooks.example.com/x"));
        Response unknownKind = configure(owner, project, Api.map("url", url, "kinds", List.of("deployment_failed", "coffee_ready")));
        Response byEditor = configure(editor, project, Api.map("url", url));
        Response byStranger = configure(stranger, project, Api.map("url", url));
        Response none = api.get(path(project)).token(owner.accessToken()).send();
        configure(owner, project, Api.map("url", url));
        Response testByEditor = api.post(path(project) + "/test").token(editor.accessToken()).send();
        Response deleteByEditor = api.delete(path(project)).token(editor.accessToken()).send();
        Response deleted = api.delete(path(project)).token(owner.accessToken()).send();

        assertThat(notHttp.status()).isEqualTo(400);
        assertThat(Api.fields(notHttp)).containsExactly("url");
        assertThat(Api.fields(withUser)).containsExactly("url");
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(Api.fields(unknownKind)).containsExactly("kinds[1]");
        assertThat(byEditor.status()).isEqualTo(403);
        assertThat(byEditor.problemType()).isEqualTo("project-role-too-low");
        assertThat(byStranger.status()).isEqualTo(404);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.problemType()).isEqualTo("notification-webhook-not-found");
        assertThat(testByEditor.status()).isEqualTo(403);
        assertThat(deleteByEditor.status()).isEqualTo(403);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get(path(project)).token(editor.accessToken()).send().status()).isEqualTo(404);
    }

    @Test
    void theSigningSecretIsSealedAndStillSignsAfterTheMasterKeyIsRotated() throws Exception {
        Session owner = newUser("Rotator");
        String project = project(owner, "Rotated");
        String hook = hookAnswering(200);
        String secret = configure(owner, project, Api.map("url", receiverUrl(hook))).json().path("secret").asString();
        assertThat(jdbc.sql("SELECT sealed_secret FROM notification_webhooks WHERE project_id = :project")
                .param("project", UUID.fromString(project)).query(byte[].class).single()).asString(StandardCharsets.ISO_8859_1)
                .doesNotContain(secret);

        Response rotated = api.post("/api/admin/secrets/rotate").token(admin().accessToken()).send();
        Response test = api.post(path(project) + "/test").token(owner.accessToken()).send();

        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        assertThat(test.json().path("delivered").asBoolean()).as(test.text()).isTrue();
        LoggedRequest call = awaitCalls(hook, 1).getFirst();
        assertThat(call.getHeader("X-Nex7-Signature"))
                .isEqualTo("sha256=" + hmac(secret, call.getHeader("X-Nex7-Timestamp") + "." + call.getBodyAsString()));
    }

    @Test
    void deletingAProjectDeletesItsWebhookDeliveriesAndNotifications() {
        Session owner = newUser("Deleter");
        String project = project(owner, "Doomed");
        String hook = hookAnswering(200);
        configure(owner, project, Api.map("url", receiverUrl(hook)));
        publish(failed(project));
        awaitDelivery(owner, project, "delivered");
        awaitNotifications(owner, list -> list.size() == 1);

        assertThat(api.delete("/api/projects/" + project).token(owner.accessToken()).send().status()).isEqualTo(204);

        awaitNotifications(owner, List::isEmpty);
        await().atMost(Duration.ofSeconds(20)).until(() -> webhooks.find(new ProjectId(UUID.fromString(project))).isEmpty()
                && deliveries.recent(new ProjectId(UUID.fromString(project)), Channel.WEBHOOK, 10).isEmpty());
    }

    private Response configure(Session user, String project, Object body) {
        return api.put(path(project)).token(user.accessToken()).json(body).send();
    }

    private static String path(String project) {
        return "/api/projects/" + project + "/notification-webhook";
    }

    private static String hookPath() {
        return "/hooks/" + UUID.randomUUID();
    }

    /** A new path on the receiver that answers every call with {@code status}. */
    private static String hookAnswering(int status) {
        String path = hookPath();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)));
        return path;
    }

    private static String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.port() + path;
    }

    private static List<LoggedRequest> awaitCalls(String path, int count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))).size() >= count);
        return receiver.findAll(postRequestedFor(urlEqualTo(path)));
    }

    private JsonNode awaitDelivery(Session owner, String project, String status) {
        return awaitDelivery(owner, project, status, null);
    }

    /** Waits until the webhook's latest delivery has {@code status} (and, if given, that last HTTP status). */
    private JsonNode awaitDelivery(Session owner, String project, String status, Integer lastStatus) {
        JsonNode[] latest = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode deliveries = api.get(path(project)).token(owner.accessToken()).send().json().path("deliveries");
            latest[0] = deliveries.isEmpty() ? null : deliveries.get(0);
            return latest[0] != null && latest[0].path("status").asString().equals(status)
                    && (lastStatus == null || latest[0].path("lastStatus").asInt() == lastStatus);
        });
        return latest[0];
    }

    /** The receiver's side of the signature, computed here independently of NEX7's code. */
    private static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
