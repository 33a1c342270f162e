package dev.nex7.integration.vercel;

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

import dev.nex7.integration.VercelEventReceived;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;

/** Vercel's webhook events against real HMAC-SHA1 signatures, and the project's Vercel link. */
@RecordApplicationEvents
class VercelWebhookIntegrationTests extends IntegrationTest {

    /** The shape of Vercel's deployment.error event (fields from its webhook documentation). */
    private static final String ERROR = """
            {"id":"%s","type":"deployment.error","createdAt":1764072000000,"region":"iad1",
             "payload":{"team":{"id":"team_abc"},"user":{"id":"usr_1"},"project":{"id":"%s"},"target":"production",
              "deployment":{"id":"dpl_89QCZyvX2mVqHh","url":"shop-git-main-acme.vercel.app","name":"shop",
               "meta":{"githubCommitSha":"9f2c1e0","githubCommitMessage":"Add checkout","githubCommitRef":"main"}},
              "links":{"deployment":"https://vercel.com/acme/shop/89QCZyvX2mVqHh","project":"https://vercel.com/acme/shop"}}}""";

    @Autowired
    ApplicationEvents events;

    @Autowired
    VercelWebhooks webhooks;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSignedDeploymentEventIsStoredAndAnnouncedOnceAndForgedOnesAreRefused() throws Exception {
        Session owner = newUser("vercel-owner");
        String project = project(owner);
        String vercelProject = "prj_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String secret = "vercel-showed-this-secret-once";
        Response linked = api.put("/api/projects/" + project + "/vercel").token(owner.accessToken())
                .json(Api.map("vercelProjectId", vercelProject, "teamId", "team_abc", "webhookSecret", secret)).send();
        assertThat(linked.status()).as(linked.text()).isEqualTo(200);
        assertThat(linked.text()).doesNotContain(secret);
        assertThat(linked.json().path("signed").asBoolean()).isTrue();
        String eventId = "evt_" + UUID.randomUUID();
        String body = ERROR.formatted(eventId, vercelProject);

        assertThat(deliver(sign("not-the-secret-at-all-1234", body), body).statusCode()).isEqualTo(401);
        assertThat(deliver(null, body).statusCode()).isEqualTo(401);
        assertThat(deliver(sign(secret, body), body.replace("Add checkout", "Add checkout!")).statusCode()).isEqualTo(401);
        assertThat(deliver(sign(secret, body), body).statusCode()).isEqualTo(202);
        HttpResponse<String> again = deliver(sign(secret, body), body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        assertThat(webhooks.recent(new ProjectId(UUID.fromString(project)), 10)).hasSize(1);

        String next = ERROR.formatted("evt_" + UUID.randomUUID(), vercelProject);
        assertThat(webhooks.receive(sign(secret, next), next.getBytes(StandardCharsets.UTF_8))).isEqualTo(VercelWebhooks.Outcome.ACCEPTED);
        assertThat(events.stream(VercelEventReceived.class)).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("deployment.error");
            assertThat(event.deploymentId()).isEqualTo("dpl_89QCZyvX2mVqHh");
            assertThat(event.target()).isEqualTo("production");
            assertThat(event.commitSha()).isEqualTo("9f2c1e0");
        });
    }

    @Test
    void onlyOwnersLinkAndBadInputIsAProblem() {
        Session owner = newUser("vercel-link");
        Session viewer = newUser("vercel-viewer");
        String project = project(owner);
        api.post("/api/projects/" + project + "/members").token(owner.accessToken()).json(Api.map("email", viewer.email(), "role", "viewer")).send();

        Response bad = api.put("/api/projects/" + project + "/vercel").token(owner.accessToken())
                .json(Api.map("vercelProjectId", "no spaces", "teamId", "bad team", "webhookSecret", "short", "credentialId", UUID.randomUUID())).send();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(Api.fields(bad)).contains("vercelProjectId", "teamId", "webhookSecret", "credentialId");
        assertThat(api.put("/api/projects/" + project + "/vercel").token(viewer.accessToken()).json(Api.map("vercelProjectId", "prj_1")).send().status())
                .isEqualTo(403);
        assertThat(api.put("/api/projects/" + project + "/vercel").token(owner.accessToken()).json(Api.map("vercelProjectId", "prj_1")).send().status())
                .isEqualTo(200);
        Response seen = api.get("/api/projects/" + project + "/vercel").token(viewer.accessToken()).send();
        assertThat(seen.json().path("signed").asBoolean()).isFalse();
        assertThat(api.delete("/api/projects/" + project + "/vercel").token(owner.accessToken()).send().status()).isEqualTo(204);
        assertThat(api.get("/api/projects/" + project + "/vercel").token(owner.accessToken()).send().status()).isEqualTo(404);
    }

    private String project(Session owner) {
        return api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "Deployed", "type", "web")).send().json().path("id").asString();
    }

    private static String sign(String secret, String body) {
        return HexFormat.of().formatHex(VercelWebhooks.hmacSha1(secret.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> deliver(String signature, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + "/api/webhooks/vercel"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("x-vercel-signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
