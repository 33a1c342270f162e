package dev.nex7.integration.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import dev.nex7.integration.GitHubEventReceived;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;

/**
 * GitHub's webhook deliveries against real HMAC signatures: accepted only when signed with a linked
 * project's secret, stored before the answer, redeliveries changing nothing, forged, unsigned,
 * malformed and oversized ones refused; and the project link's API.
 */
@RecordApplicationEvents
class GitHubWebhookIntegrationTests extends IntegrationTest {

    private static final String PUSH = """
            {"ref":"refs/heads/main","before":"0000000000000000000000000000000000000000","after":"6dcb09b5b57875f334f61aebed695e2e4193db5e",
             "repository":{"id":1296269,"full_name":"%s","name":"%s","owner":{"login":"%s"}},
             "pusher":{"name":"octocat"},"head_commit":{"id":"6dcb09b5b57875f334f61aebed695e2e4193db5e","message":"Fix the build"}}""";

    @Autowired
    ApplicationEvents events;

    @Autowired
    GitHubWebhooks webhooks;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSignedPushIsStoredAndAnnouncedAndARedeliveryChangesNothing() throws Exception {
        Session owner = newUser("gh-push");
        String project = project(owner);
        String repo = "octo-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = link(owner, project, "Octo-Org", repo, null).path("webhookSecret").asString();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        String body = PUSH.formatted("octo-org/" + repo, repo, "octo-org");
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> first = deliver("push", delivery, sign(secret, body), body);
        HttpResponse<String> again = deliver("push", delivery, sign(secret, body), body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        assertThat(webhooks.recent(new ProjectId(UUID.fromString(project)), 10)).hasSize(1);
        // Announced in the storing transaction (recorded here, on the test's thread, through the service itself).
        String next = UUID.randomUUID().toString();
        assertThat(webhooks.receive("push", next, sign(secret, body), body.getBytes(StandardCharsets.UTF_8))).isEqualTo(GitHubWebhooks.Outcome.ACCEPTED);
        assertThat(events.stream(GitHubEventReceived.class).filter(e -> e.deliveryId().equals(next)))
                .singleElement().satisfies(e -> {
                    assertThat(e.event()).isEqualTo("push");
                    assertThat(e.ref()).isEqualTo("refs/heads/main");
                    assertThat(e.headSha()).isEqualTo("6dcb09b5b57875f334f61aebed695e2e4193db5e");
                });
    }

    @Test
    void forgedUnsignedMalformedAndOversizedDeliveriesAreRefusedAndStoreNothing() throws Exception {
        Session owner = newUser("gh-forged");
        String project = project(owner);
        String repo = "forged-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "a-webhook-secret-of-our-own-choosing";
        link(owner, project, "acme", repo, secret);
        String body = PUSH.formatted("acme/" + repo, repo, "acme");

        assertThat(deliver("push", UUID.randomUUID().toString(), sign("another-secret-entirely-123", body), body).statusCode()).isEqualTo(401);
        assertThat(deliver("push", UUID.randomUUID().toString(), null, body).statusCode()).isEqualTo(401);
        assertThat(deliver("push", UUID.randomUUID().toString(), "sha256=zz", body).statusCode()).isEqualTo(401);
        String tampered = body.replace("Fix the build", "Fix the build; rm -rf /");
        assertThat(deliver("push", UUID.randomUUID().toString(), sign(secret, body), tampered).statusCode()).isEqualTo(401);
        assertThat(deliver("push", UUID.randomUUID().toString(), sign(secret, "not json"), "not json").statusCode()).isEqualTo(400);
        assertThat(deliver(null, UUID.randomUUID().toString(), sign(secret, body), body).statusCode()).isEqualTo(400);
        String huge = "{\"repository\":{\"full_name\":\"acme/" + repo + "\"},\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertThat(deliver("push", UUID.randomUUID().toString(), sign(secret, huge), huge).statusCode()).isEqualTo(413);
        assertThat(webhooks.recent(new ProjectId(UUID.fromString(project)), 10)).isEmpty();

        HttpResponse<String> other = deliver("issues", UUID.randomUUID().toString(), sign(secret, body), body);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).contains("ignored");
        assertThat(webhooks.recent(new ProjectId(UUID.fromString(project)), 10)).hasSize(1);
    }

    @Test
    void aPushToTheChosenBranchStartsAWorkflowWithAGitHubEventTrigger() throws Exception {
        Session owner = newUser("gh-trigger");
        String project = project(owner);
        String repo = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = link(owner, project, "acme", repo, null).path("webhookSecret").asString();
        java.util.Map<String, Object> definition = dev.nex7.workflow.WorkflowFixtures.definition()
                .node("github", "event-trigger", java.util.Map.of("eventType", "github.push", "filter", "branch = \"main\""))
                .node("set", "set", java.util.Map.of("fields", java.util.List.of(java.util.Map.of("name", "sha", "value", "{{ payload.headSha }}"))))
                .edge("github", "set").build();
        String workflow = api.post("/api/projects/" + project + "/workflows").token(owner.accessToken())
                .json(Api.map("name", "On push", "definition", definition)).send().json().path("id").asString();
        int version = api.post("/api/workflows/" + workflow + "/versions").token(owner.accessToken()).send().json().path("version").asInt();
        assertThat(api.put("/api/workflows/" + workflow + "/activation").token(owner.accessToken()).json(Api.map("version", version)).send().status())
                .isEqualTo(200);
        String toMain = PUSH.formatted("acme/" + repo, repo, "acme");
        String toFeature = toMain.replace("refs/heads/main", "refs/heads/feature-x");

        assertThat(deliver("push", UUID.randomUUID().toString(), sign(secret, toFeature), toFeature).statusCode()).isEqualTo(202);
        assertThat(deliver("push", UUID.randomUUID().toString(), sign(secret, toMain), toMain).statusCode()).isEqualTo(202);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> api.get("/api/executions?workflowId=" + workflow)
                .token(owner.accessToken()).send().json().path("items").valueStream().anyMatch(e -> e.path("status").asString().equals("succeeded")));
        tools.jackson.databind.JsonNode executions = api.get("/api/executions?workflowId=" + workflow).token(owner.accessToken()).send().json();
        assertThat(executions.path("totalItems").asInt()).as("only the push to main").isEqualTo(1);
        String execution = executions.path("items").get(0).path("id").asString();
        tools.jackson.databind.JsonNode detail = api.get("/api/executions/" + execution).token(owner.accessToken()).send().json();
        assertThat(detail.toString()).contains("6dcb09b5b57875f334f61aebed695e2e4193db5e").contains("\"branch\":\"main\"");
    }

    @Test
    void onlyOwnersLinkAndTheSecretIsShownOnce() {
        Session owner = newUser("gh-owner");
        Session viewer = newUser("gh-viewer");
        String project = project(owner);
        api.post("/api/projects/" + project + "/members").token(owner.accessToken()).json(Api.map("email", viewer.email(), "role", "viewer")).send();

        Response bad = api.put("/api/projects/" + project + "/github").token(owner.accessToken())
                .json(Api.map("owner", "bad owner", "repo", "", "webhookSecret", "short", "credentialId", UUID.randomUUID())).send();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(Api.fields(bad)).contains("owner", "repo", "webhookSecret", "credentialId");
        assertThat(api.put("/api/projects/" + project + "/github").token(viewer.accessToken()).json(Api.map("owner", "a", "repo", "b")).send().status())
                .isEqualTo(403);
        link(owner, project, "acme", "shop", null);
        Response seen = api.get("/api/projects/" + project + "/github").token(viewer.accessToken()).send();
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().path("webhookSecret").isNull()).isTrue();
        assertThat(seen.json().path("webhookUrl").asString()).isEqualTo("/api/webhooks/github");
        // Without internet (or with a wrong address) the check says GitHub could not be reached, as a Problem.
        Response check = api.post("/api/projects/" + project + "/github/test").token(owner.accessToken()).send();
        assertThat(check.status()).isEqualTo(502);
        assertThat(check.problemType()).isEqualTo("github-check-failed");
        assertThat(api.delete("/api/projects/" + project + "/github").token(owner.accessToken()).send().status()).isEqualTo(204);
        assertThat(api.get("/api/projects/" + project + "/github").token(owner.accessToken()).send().status()).isEqualTo(404);
    }

    private tools.jackson.databind.JsonNode link(Session owner, String project, String org, String repo, String secret) {
        Response linked = api.put("/api/projects/" + project + "/github").token(owner.accessToken())
                .json(secret == null ? Api.map("owner", org, "repo", repo) : Api.map("owner", org, "repo", repo, "webhookSecret", secret)).send();
        assertThat(linked.status()).as(linked.text()).isEqualTo(200);
        return linked.json();
    }

    private String project(Session owner) {
        return api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "Linked", "type", "web")).send().json().path("id").asString();
    }

    private static String sign(String secret, String body) {
        return "sha256=" + HexFormat.of().formatHex(GitHubWebhooks.hmac(secret.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> deliver(String event, String delivery, String signature, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + "/api/webhooks/github"))
                .header("Content-Type", "application/json").header("User-Agent", "GitHub-Hookshot/abc123")
                .header("X-GitHub-Delivery", delivery).POST(HttpRequest.BodyPublishers.ofString(body));
        if (event != null) {
            request.header("X-GitHub-Event", event);
        }
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
