package dev.nex7.deployment.vercel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.nex7.deployment.vercel.VercelFixtures.deployment;
import static dev.nex7.deployment.vercel.VercelFixtures.deploymentId;
import static dev.nex7.deployment.vercel.VercelFixtures.list;
import static dev.nex7.deployment.vercel.VercelFixtures.page;
import static dev.nex7.deployment.vercel.VercelFixtures.typeErrorEventList;
import static dev.nex7.deployment.vercel.VercelFixtures.typeErrorEvents;
import static dev.nex7.deployment.vercel.VercelFixtures.vercelProject;
import static dev.nex7.deployment.vercel.VercelFixtures.webhookEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentEvents.DeploymentFailed;
import dev.nex7.deployment.DeploymentEvents.DeploymentStarted;
import dev.nex7.deployment.DeploymentEvents.DeploymentSucceeded;
import dev.nex7.deployment.DeploymentEvents.RolledBack;
import dev.nex7.deployment.DeploymentLog;
import dev.nex7.deployment.DeploymentStatus;
import dev.nex7.deployment.Deployments;
import dev.nex7.deployment.NewDeployment;
import dev.nex7.identity.UserId;
import dev.nex7.integration.VercelApi.VercelUnavailable;
import dev.nex7.integration.VercelEventReceived;
import dev.nex7.platform.ApiProblem;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.FakeVercelAndGitHub;
import tools.jackson.databind.JsonNode;

/**
 * Vercel deployments in the store, against a fake Vercel speaking its REST API: the poller lists a
 * linked project's deployments (an unchanged list costs one 304), records what changed with one event
 * per move, reads a failed build's log before storing the failure, and backs off on errors as Vercel
 * asks; a signed webhook event makes the same changes; a broken production deployment rolls back to
 * the last ready one with Instant Rollback. The token stays in the Authorization header.
 */
@RecordApplicationEvents
class VercelDeploymentsIntegrationTests extends FakeVercelAndGitHub {

    private static final String TEAM = "team_abc";
    private static final String WEBHOOK_SECRET = "vercel-showed-this-secret-once";

    @Autowired
    VercelPoller poller;
    @Autowired
    VercelRollback rollbacks;
    @Autowired
    VercelMirror mirror;
    @Autowired
    Deployments deployments;
    @Autowired
    ApplicationEvents events;
    @Autowired
    JdbcClient jdbc;

    /** A project linked to a Vercel project on the fake, with a token of its own. */
    private record Linked(Session owner, ProjectId project, String vercelProject, String token) {
    }

    @Test
    void theFirstPollStoresTheDeploymentsAndAnUnchangedListCostsOne304() {
        Linked linked = link("vercel-first-poll");
        Instant now = clock.instant().plusSeconds(1);
        String ready = deploymentId();
        String building = deploymentId();
        String history = deploymentId();
        stubList(linked, "\"v1\"", list(deployment(building, "BUILDING", null, now.plusSeconds(60), "b".repeat(40), "Try the new header"),
                deployment(ready, "READY", "production", now, "a".repeat(40), "Add checkout"),
                deployment(history, "ERROR", "production", now.minus(Duration.ofDays(3)), "c".repeat(40), "Before NEX7 watched")));
        fake.stubFor(get(urlPathEqualTo("/v6/deployments")).withQueryParam("projectId", equalTo(linked.vercelProject()))
                .withHeader("If-None-Match", equalTo("\"v1\"")).atPriority(1).willReturn(aResponse().withStatus(304)));

        assertThat(poller.poll(linked.project())).isTrue();
        assertThat(poller.poll(linked.project())).as("not due again before the interval").isFalse();
        clock.advance(Duration.ofSeconds(31));
        assertThat(poller.poll(linked.project())).isTrue();

        Deployment live = deployments.findExternal(linked.project(), Deployment.VERCEL, ready).orElseThrow();
        assertThat(live.status()).isEqualTo(DeploymentStatus.READY);
        assertThat(live.url()).isEqualTo("https://shop-" + ready.substring(4, 13).toLowerCase() + "-acme.vercel.app");
        assertThat(live.environment()).isEqualTo("production");
        assertThat(live.trigger()).isEqualTo("poll");
        assertThat(live.commitSha()).isEqualTo("a".repeat(40));
        assertThat(live.commitMessage()).isEqualTo("Add checkout");
        assertThat(live.branch()).isEqualTo("main");
        Deployment preview = deployments.findExternal(linked.project(), Deployment.VERCEL, building).orElseThrow();
        assertThat(preview.status()).isEqualTo(DeploymentStatus.BUILDING);
        assertThat(preview.environment()).isEqualTo("preview");
        assertThat(deployments.findExternal(linked.project(), Deployment.VERCEL, history)).as("finished before the link").isEmpty();
        assertThat(events.stream(DeploymentStarted.class).filter(e -> e.projectId().equals(linked.project()))).hasSize(2);
        assertThat(events.stream(DeploymentSucceeded.class).filter(e -> e.projectId().equals(linked.project()))).singleElement()
                .satisfies(e -> assertThat(e.deploymentId()).isEqualTo(live.id()));
        fake.verify(2, getRequestedFor(urlPathEqualTo("/v6/deployments")).withQueryParam("projectId", equalTo(linked.vercelProject()))
                .withQueryParam("teamId", equalTo(TEAM)).withQueryParam("limit", equalTo("20"))
                .withHeader("Authorization", equalTo("Bearer " + linked.token())));
        fake.verify(1, getRequestedFor(urlPathEqualTo("/v6/deployments")).withHeader("If-None-Match", equalTo("\"v1\"")));
        assertThat(poll(linked).get("etag")).isEqualTo("\"v1\"");
    }

    @Test
    void aBuildThatBecomesReadyPublishesStartedThenSucceededOnce() {
        Linked linked = link("vercel-ready");
        String uid = deploymentId();
        Instant created = clock.instant().plusSeconds(1);
        stubList(linked, "\"v1\"", list(deployment(uid, "BUILDING", "production", created, "d".repeat(40), "Faster images")));
        poller.poll(linked.project());
        Deployment building = deployments.findExternal(linked.project(), Deployment.VERCEL, uid).orElseThrow();

        stubList(linked, "\"v2\"", list(deployment(uid, "READY", "production", created, "d".repeat(40), "Faster images")));
        clock.advance(Duration.ofSeconds(31));
        poller.poll(linked.project());
        clock.advance(Duration.ofSeconds(31));
        poller.poll(linked.project()); // the same list again: nothing more happens

        assertThat(building.status()).isEqualTo(DeploymentStatus.BUILDING);
        assertThat(deployments.find(building.id()).orElseThrow().status()).isEqualTo(DeploymentStatus.READY);
        assertThat(events.stream(DeploymentStarted.class).filter(e -> e.deploymentId().equals(building.id()))).hasSize(1);
        assertThat(events.stream(DeploymentSucceeded.class).filter(e -> e.deploymentId().equals(building.id()))).hasSize(1);
    }

    @Test
    void aFailedBuildIsStoredWithItsLogAndTheFailureCarriesTheAnalysedRootCause() {
        Linked linked = link("vercel-error");
        String uid = deploymentId();
        stubList(linked, "\"v1\"", list(deployment(uid, "ERROR", "production", clock.instant().plusSeconds(1), "e".repeat(40), "Count items")));
        fake.stubFor(get(urlPathEqualTo("/v3/deployments/" + uid + "/events")).willReturn(okJson(typeErrorEvents(uid))));

        poller.poll(linked.project());

        Deployment failed = deployments.findExternal(linked.project(), Deployment.VERCEL, uid).orElseThrow();
        assertThat(failed.status()).isEqualTo(DeploymentStatus.ERROR);
        assertThat(failed.rootCategory()).isEqualTo("type-error");
        assertThat(failed.rootCause()).contains("not assignable to type 'number'");
        DeploymentLog log = deployments.log(failed.id());
        assertThat(log.text()).contains("Running build in Washington").contains("Type error:").endsWith("exited with 1\n");
        assertThat(log.findings().getFirst().root()).isTrue();
        assertThat(log.findings().getFirst().file()).isEqualTo("app/cart/page.tsx");
        assertThat(events.stream(DeploymentFailed.class).filter(e -> e.deploymentId().equals(failed.id()))).singleElement()
                .satisfies(e -> {
                    assertThat(e.rootCategory()).isEqualTo("type-error");
                    assertThat(e.target()).isEqualTo("vercel");
                });
        fake.verify(1, getRequestedFor(urlPathEqualTo("/v3/deployments/" + uid + "/events")).withQueryParam("builds", equalTo("1"))
                .withQueryParam("limit", equalTo("-1")).withQueryParam("teamId", equalTo(TEAM))
                .withHeader("Authorization", equalTo("Bearer " + linked.token())));
    }

    @Test
    void aPollReadsOlderPagesUntilItReachesKnownDeploymentsAndAnUnchangedListStopsAtTheFirstPage() {
        Linked linked = link("vercel-pages");
        Instant start = clock.instant().plusSeconds(1);
        List<Map<String, Object>> listed = new ArrayList<>();
        for (int i = 44; i >= 0; i--) { // newest first, as Vercel lists them
            listed.add(deployment(deploymentId(), "READY", "production", start.plusSeconds(60L * i), sha(i), "Change " + i));
        }
        long second = createdAt(listed.get(19));
        long third = createdAt(listed.get(39));
        fake.stubFor(get(urlPathEqualTo("/v6/deployments")).withQueryParam("projectId", equalTo(linked.vercelProject()))
                .withQueryParam("until", absent()).willReturn(okJson(page(listed.subList(0, 20), second)).withHeader("ETag", "\"v1\"")));
        stubPage(linked, second, page(listed.subList(20, 40), third));
        stubPage(linked, third, page(listed.subList(40, 45), null));
        StubMapping unchanged = fake.stubFor(get(urlPathEqualTo("/v6/deployments")).withQueryParam("projectId", equalTo(linked.vercelProject()))
                .withHeader("If-None-Match", equalTo("\"v1\"")).atPriority(1).willReturn(aResponse().withStatus(304)));

        poller.poll(linked.project());
        List<Deployment> mirrored = deployments.list(linked.project(), new UserId(linked.owner().id()), null, null, 100);
        clock.advance(Duration.ofSeconds(31));
        poller.poll(linked.project());
        fake.removeStub(unchanged);
        String newest = deploymentId();
        List<Map<String, Object>> changed = new ArrayList<>(listed.subList(0, 19));
        changed.addFirst(deployment(newest, "BUILDING", "production", start.plusSeconds(60L * 45), sha(45), "Change 45"));
        fake.stubFor(get(urlPathEqualTo("/v6/deployments")).withQueryParam("projectId", equalTo(linked.vercelProject()))
                .withQueryParam("until", absent()).atPriority(1).willReturn(okJson(page(changed, createdAt(changed.getLast())))
                        .withHeader("ETag", "\"v2\"")));
        clock.advance(Duration.ofSeconds(31));
        poller.poll(linked.project());

        assertThat(mirrored).hasSize(45).allMatch(deployment -> deployment.status() == DeploymentStatus.READY);
        assertThat(mirrored.stream().map(Deployment::externalId)).containsExactlyInAnyOrderElementsOf(
                listed.stream().map(deployment -> (String) deployment.get("uid")).toList());
        assertThat(events.stream(DeploymentSucceeded.class).filter(e -> e.projectId().equals(linked.project()))).hasSize(45);
        fake.verify(1, getRequestedFor(urlPathEqualTo("/v6/deployments")).withQueryParam("until", equalTo(Long.toString(second)))
                .withQueryParam("limit", equalTo("20")).withoutHeader("If-None-Match"));
        fake.verify(1, getRequestedFor(urlPathEqualTo("/v6/deployments")).withQueryParam("until", equalTo(Long.toString(third)))
                .withoutHeader("If-None-Match"));
        fake.verify(3, getRequestedFor(urlPathEqualTo("/v6/deployments")).withQueryParam("until", absent()));
        fake.verify(2, getRequestedFor(urlPathEqualTo("/v6/deployments")).withHeader("If-None-Match", equalTo("\"v1\"")));
        assertThat(deployments.findExternal(linked.project(), Deployment.VERCEL, newest)).as("a changed first page is applied")
                .hasValueSatisfying(found -> assertThat(found.status()).isEqualTo(DeploymentStatus.BUILDING));
        assertThat(poll(linked).get("etag")).isEqualTo("\"v2\"");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aPollStopsAtTheMostPagesItMayReadAndSaysSo(CapturedOutput output) {
        Linked linked = link("vercel-page-cap");
        Instant start = clock.instant().plusSeconds(1);
        List<String> uids = new ArrayList<>();
        for (int number = 0; number < 6; number++) { // six short pages of two, newest first
            List<Map<String, Object>> pageOf = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String uid = deploymentId();
                uids.add(uid);
                pageOf.add(deployment(uid, "READY", "preview", start.plusSeconds(1_000L - 10L * uids.size()), sha(uids.size()), "Page " + number));
            }
            Long until = number == 0 ? null : 1_000_000L + number;
            String body = page(pageOf, number == 5 ? null : 1_000_001L + number);
            if (until == null) {
                stubList(linked, "\"v1\"", body);
            } else {
                stubPage(linked, until, body);
            }
        }

        poller.poll(linked.project());

        assertThat(deployments.list(linked.project(), new UserId(linked.owner().id()), null, null, 100)).hasSize(10);
        assertThat(deployments.findExternal(linked.project(), Deployment.VERCEL, uids.get(10))).as("on the sixth page").isEmpty();
        fake.verify(0, getRequestedFor(urlPathEqualTo("/v6/deployments")).withQueryParam("until", equalTo("1000005")));
        assertThat(output.getAll()).contains("Polling Vercel for project " + linked.project() + " stopped after 5 pages");
    }

    @Test
    void aBuildingDeploymentsEventsReachItsLogBeforeItEnds() {
        Linked linked = link("vercel-live-log");
        String uid = deploymentId();
        Instant created = clock.instant().plusSeconds(1);
        List<Map<String, Object>> all = typeErrorEventList(uid);
        String events = "/v3/deployments/" + uid + "/events";
        long fifth = (Long) all.get(4).get("created");
        stubList(linked, "\"v1\"", list(deployment(uid, "BUILDING", "production", created, "7".repeat(40), "Count items")));
        fake.stubFor(get(urlPathEqualTo(events)).withQueryParam("since", absent())
                .willReturn(okJson(VercelFixtures.JSON.writeValueAsString(all.subList(0, 5)))));
        // Vercel's since may count the event at that very millisecond in: it is appended once all the same
        fake.stubFor(get(urlPathEqualTo(events)).withQueryParam("since", equalTo(Long.toString(fifth)))
                .willReturn(okJson(VercelFixtures.JSON.writeValueAsString(all.subList(4, 12)))));

        poller.poll(linked.project());
        Deployment building = deployments.findExternal(linked.project(), Deployment.VERCEL, uid).orElseThrow();
        JsonNode first = followLog(linked, building, null);
        clock.advance(Duration.ofSeconds(31));
        poller.poll(linked.project());
        JsonNode second = followLog(linked, building, first.path("cursor").asString());
        stubList(linked, "\"v2\"", list(deployment(uid, "ERROR", "production", created, "7".repeat(40), "Count items")));
        fake.stubFor(get(urlPathEqualTo(events)).withQueryParam("since", absent()).willReturn(okJson(typeErrorEvents(uid))));
        clock.advance(Duration.ofSeconds(31));
        poller.poll(linked.project());
        JsonNode ended = followLog(linked, building, second.path("cursor").asString());

        assertThat(first.path("status").asString()).isEqualTo("building");
        assertThat(first.path("text").asString()).isEqualTo(text(all.subList(0, 5)));
        assertThat(second.path("status").asString()).isEqualTo("building");
        assertThat(second.path("reset").asBoolean()).isFalse();
        assertThat(second.path("text").asString()).as("each event once").isEqualTo(text(all.subList(5, 12)));
        assertThat(ended.path("status").asString()).isEqualTo("error");
        assertThat(ended.path("reset").asBoolean()).as("the whole log continues what was followed").isFalse();
        String whole = first.path("text").asString() + second.path("text").asString() + ended.path("text").asString();
        assertThat(whole).isEqualTo(deployments.log(building.id()).text()).isEqualTo(text(all));
        assertThat(ended.path("findings").get(0).path("file").asString()).isEqualTo("app/cart/page.tsx");
        fake.verify(1, getRequestedFor(urlPathEqualTo(events)).withQueryParam("since", equalTo(Long.toString(fifth)))
                .withQueryParam("builds", equalTo("1")).withQueryParam("direction", equalTo("forward")).withQueryParam("follow", equalTo("0"))
                .withHeader("Authorization", equalTo("Bearer " + linked.token())));
    }

    @Test
    void aFailureWhoseLogIsNotReadableYetIsReadWithTheWholeListNextTime() {
        Linked linked = link("vercel-log-later");
        String uid = deploymentId();
        stubList(linked, "\"v1\"", list(deployment(uid, "ERROR", "production", clock.instant().plusSeconds(1), "f".repeat(40), "Oops")));
        fake.stubFor(get(urlPathEqualTo("/v3/deployments/" + uid + "/events")).willReturn(aResponse().withStatus(503)));

        poller.poll(linked.project());
        Map<String, Object> afterFailure = poll(linked);
        Deployment waiting = deployments.findExternal(linked.project(), Deployment.VERCEL, uid).orElseThrow();
        fake.stubFor(get(urlPathEqualTo("/v3/deployments/" + uid + "/events")).willReturn(okJson(typeErrorEvents(uid))));
        clock.advance(Duration.ofMinutes(2));
        poller.poll(linked.project());

        assertThat(waiting.status()).as("recorded, not yet failed").isEqualTo(DeploymentStatus.BUILDING);
        assertThat(afterFailure.get("etag")).as("the list is read whole again").isNull();
        assertThat(afterFailure.get("failures")).isEqualTo(1);
        Deployment failed = deployments.find(waiting.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(DeploymentStatus.ERROR);
        assertThat(failed.rootCategory()).isEqualTo("type-error");
        assertThat(poll(linked).get("etag")).isEqualTo("\"v1\"");
    }

    @Test
    void failuresBackOffDoublingWithJitterAndRetryAfterIsHonoured() {
        Linked linked = link("vercel-backoff");
        stubList(linked, "\"v1\"", list());
        poller.poll(linked.project());
        fake.stubFor(get(urlPathEqualTo("/v6/deployments")).withQueryParam("projectId", equalTo(linked.vercelProject())).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"code\":\"internal_server_error\"}}")));

        clock.advance(Duration.ofSeconds(31));
        Instant first = clock.instant();
        poller.poll(linked.project());
        Map<String, Object> afterFirst = poll(linked);
        clock.advance(Duration.ofSeconds(61));
        Instant second = clock.instant();
        poller.poll(linked.project());
        Map<String, Object> afterSecond = poll(linked);
        fake.stubFor(get(urlPathEqualTo("/v6/deployments")).withQueryParam("projectId", equalTo(linked.vercelProject())).atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")
                        .withBody("{\"error\":{\"code\":\"rate_limited\",\"message\":\"Rate limit exceeded\"}}")));
        clock.advance(Duration.ofSeconds(121));
        Instant third = clock.instant();
        poller.poll(linked.project());
        Map<String, Object> afterThird = poll(linked);

        assertThat(afterFirst.get("failures")).isEqualTo(1);
        assertThat(nextPoll(afterFirst)).isBetween(first.plusSeconds(30), first.plusSeconds(61));
        assertThat(afterSecond.get("failures")).isEqualTo(2);
        assertThat(nextPoll(afterSecond)).isBetween(second.plusSeconds(60), second.plusSeconds(121));
        assertThat(afterThird.get("failures")).isEqualTo(3);
        assertThat(nextPoll(afterThird)).isBetween(third.plusSeconds(600), third.plusSeconds(602));
        assertThat((String) afterThird.get("last_error")).contains("rate-limited");
        assertThat(afterThird.get("etag")).as("kept through failures").isEqualTo("\"v1\"");
        assertThat(poller.poll(linked.project())).as("waits as Vercel asked").isFalse();
    }

    @Test
    void theBackgroundPassPollsEveryDueLinkedProjectAndForgetsUnlinkedOnes() {
        Linked linked = link("vercel-due");
        String uid = deploymentId();
        stubList(linked, "\"v1\"", list(deployment(uid, "QUEUED", "production", clock.instant().plusSeconds(1), "1".repeat(40), "Queue it")));

        int polled = poller.pollDue();
        Deployment queued = deployments.findExternal(linked.project(), Deployment.VERCEL, uid).orElseThrow();
        Response unlinked = api.delete("/api/projects/" + linked.project() + "/vercel").token(linked.owner().accessToken()).send();
        poller.pollDue();

        assertThat(polled).isPositive();
        assertThat(queued.status()).isEqualTo(DeploymentStatus.QUEUED);
        assertThat(events.stream(DeploymentStarted.class).filter(e -> e.deploymentId().equals(queued.id()))).as("not started yet").isEmpty();
        assertThat(unlinked.status()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT count(*) FROM deployment_vercel_polls WHERE project_id = :project").param("project", linked.project().value())
                .query(Long.class).single()).isZero();
    }

    @Test
    void webhookEventsInAnyOrderOnlyMoveADeploymentForward() {
        Linked linked = link("vercel-order");
        String uid = deploymentId();

        mirror.receive(event(linked, "deployment.canceled", uid));
        mirror.receive(event(linked, "deployment.created", uid));
        mirror.receive(event(linked, "deployment.succeeded", uid));
        mirror.receive(event(linked, "deployment.promoted", uid));

        Deployment canceled = deployments.findExternal(linked.project(), Deployment.VERCEL, uid).orElseThrow();
        assertThat(canceled.status()).isEqualTo(DeploymentStatus.CANCELED);
        assertThat(canceled.trigger()).isEqualTo("webhook");
        assertThat(canceled.url()).isEqualTo("https://shop-git-main-acme.vercel.app");
        assertThat(events.stream(DeploymentStarted.class).filter(e -> e.deploymentId().equals(canceled.id()))).hasSize(1);
        assertThat(events.stream(DeploymentSucceeded.class).filter(e -> e.deploymentId().equals(canceled.id()))).isEmpty();
        assertThat(events.stream(DeploymentFailed.class).filter(e -> e.deploymentId().equals(canceled.id()))).isEmpty();
    }

    @Test
    void aSignedErrorEventEndsWithTheDeploymentFailedWithFindings() throws Exception {
        Linked linked = link("vercel-webhook");
        String uid = deploymentId();
        fake.stubFor(get(urlPathEqualTo("/v3/deployments/" + uid + "/events")).willReturn(okJson(typeErrorEvents(uid))));
        String body = webhookEvent("deployment.error", linked.vercelProject(), uid, "production");

        HttpResponse<String> delivered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.base() + "/api/webhooks/vercel"))
                .header("Content-Type", "application/json").header("x-vercel-signature", sign(body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> deployments.findExternal(linked.project(), Deployment.VERCEL, uid)
                .filter(found -> found.status() == DeploymentStatus.ERROR).isPresent());
        Deployment failed = deployments.findExternal(linked.project(), Deployment.VERCEL, uid).orElseThrow();
        assertThat(failed.trigger()).isEqualTo("webhook");
        assertThat(failed.commitSha()).isEqualTo("9f2c1e0");
        assertThat(failed.rootCategory()).isEqualTo("type-error");
        assertThat(deployments.log(failed.id()).findings()).isNotEmpty()
                .anySatisfy(finding -> assertThat(finding.file()).isEqualTo("app/cart/page.tsx"));
    }

    @Test
    void aBrokenProductionDeploymentRollsBackToTheLastReadyOne() {
        Linked linked = link("vercel-rollback");
        Deployment good = recorded(linked, DeploymentStatus.READY, "production");
        clock.advance(Duration.ofSeconds(5));
        recorded(linked, DeploymentStatus.READY, "preview");
        clock.advance(Duration.ofSeconds(5));
        Deployment broken = recorded(linked, DeploymentStatus.ERROR, "production");
        fake.stubFor(post(urlPathEqualTo("/v1/projects/" + linked.vercelProject() + "/rollback/" + good.externalId()))
                .willReturn(aResponse().withStatus(201)));

        Deployment restored = rollbacks.rollback(broken, true);

        assertThat(restored.id()).isEqualTo(good.id());
        fake.verify(1, postRequestedFor(urlPathEqualTo("/v1/projects/" + linked.vercelProject() + "/rollback/" + good.externalId()))
                .withQueryParam("teamId", equalTo(TEAM)).withHeader("Authorization", equalTo("Bearer " + linked.token())));
        assertThat(events.stream(RolledBack.class).filter(e -> e.deploymentId().equals(broken.id()))).singleElement().satisfies(e -> {
            assertThat(e.restoredDeploymentId()).isEqualTo(good.id());
            assertThat(e.restoredCommitSha()).isEqualTo(good.commitSha());
            assertThat(e.automatic()).isTrue();
        });
        assertThat(deployments.findExternal(linked.project(), Deployment.VERCEL, good.externalId()).orElseThrow().status())
                .as("nothing new recorded").isEqualTo(DeploymentStatus.READY);
    }

    @Test
    void withoutAnEarlierReadyDeploymentOrOnAPreviewARollbackIsAConflictAndVercelIsNotAsked() {
        Linked linked = link("vercel-no-rollback");
        Deployment broken = recorded(linked, DeploymentStatus.ERROR, "production");
        Deployment preview = recorded(linked, DeploymentStatus.ERROR, "preview");

        assertThatThrownBy(() -> rollbacks.rollback(broken, false)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status().value()).isEqualTo(409);
            assertThat(problem.type().toString()).endsWith("/nothing-to-restore");
        });
        assertThatThrownBy(() -> rollbacks.rollback(preview, false)).isInstanceOfSatisfying(ApiProblem.class,
                problem -> assertThat(problem.status().value()).isEqualTo(409));
        fake.verify(0, postRequestedFor(urlPathEqualTo("/v1/projects/" + linked.vercelProject() + "/rollback/" + broken.externalId())));
        assertThat(events.stream(RolledBack.class).filter(e -> e.projectId().equals(linked.project()))).isEmpty();
    }

    @Test
    void aRefusedRollbackIsABadGatewayProblemAndNothingIsAnnounced() {
        Linked linked = link("vercel-refused-rollback");
        Deployment good = recorded(linked, DeploymentStatus.READY, "production");
        clock.advance(Duration.ofSeconds(5));
        Deployment broken = recorded(linked, DeploymentStatus.ERROR, "production");
        fake.stubFor(post(urlPathEqualTo("/v1/projects/" + linked.vercelProject() + "/rollback/" + good.externalId()))
                .willReturn(aResponse().withStatus(402).withBody("{\"error\":{\"code\":\"payment_required\","
                        + "\"message\":\"To roll back further than the previous production deployment, upgrade to pro\"}}")));

        assertThatThrownBy(() -> rollbacks.rollback(broken, false)).isInstanceOfSatisfying(VercelUnavailable.class, refused -> {
            assertThat(refused.status().value()).isEqualTo(502);
            assertThat(refused.getMessage()).contains("HTTP 402").contains("upgrade to pro");
        });
        assertThat(events.stream(RolledBack.class).filter(e -> e.projectId().equals(linked.project()))).isEmpty();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theTokenNeverReachesLogsOrStoredRowsAndTheSsrfGuardStillApplies(CapturedOutput output) {
        Linked linked = link("vercel-secrecy");
        String uid = deploymentId();
        stubList(linked, "\"v1\"", list(deployment(uid, "ERROR", "production", clock.instant().plusSeconds(1), "9".repeat(40), "Oops")));
        fake.stubFor(get(urlPathEqualTo("/v3/deployments/" + uid + "/events")).willReturn(aResponse().withStatus(403)
                .withBody("{\"error\":{\"code\":\"forbidden\",\"message\":\"Not authorized\"}}")));
        String admin = admin().accessToken();
        String entry = api.get("/api/admin/outbound-allow-list").token(admin).send().json().valueStream()
                .filter(row -> row.path("entry").asString().equals(allowListEntry())).findFirst().orElseThrow().path("id").asString();
        Response closed = api.delete("/api/admin/outbound-allow-list/" + entry).token(admin).send();

        boolean polledWhileClosed = poller.poll(linked.project());
        Map<String, Object> blocked = poll(linked);
        api.post("/api/admin/outbound-allow-list").token(admin).json(Api.map("entry", allowListEntry())).send();
        clock.advance(Duration.ofMinutes(2));
        poller.poll(linked.project());

        assertThat(closed.status()).isEqualTo(204);
        assertThat(polledWhileClosed).isTrue();
        assertThat((String) blocked.get("last_error")).contains("could not be reached").contains("127.0.0.1");
        Deployment failed = deployments.findExternal(linked.project(), Deployment.VERCEL, uid).orElseThrow();
        assertThat(failed.status()).as("stored without the log Vercel refused").isEqualTo(DeploymentStatus.ERROR);
        fake.verify(1, getRequestedFor(urlPathEqualTo("/v6/deployments")).withQueryParam("projectId", equalTo(linked.vercelProject())));
        assertThat(output.getAll()).contains("Polling Vercel for project " + linked.project()).doesNotContain(linked.token());
        for (String table : List.of("deployments", "deployment_vercel_polls", "integration_vercel_links", "integration_vercel_events",
                "event_publication")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " t WHERE CAST(row_to_json(t) AS TEXT) LIKE :token")
                    .param("token", "%" + linked.token() + "%").query(Long.class).single()).as(table).isZero();
        }
    }

    private Linked link(String name) {
        Session owner = newUser(name);
        ProjectId project = project(owner);
        String vercelProject = vercelProject();
        String token = "vercel_token_" + UUID.randomUUID().toString().replace("-", "");
        String credential = credential(owner, project, "vercel", token);
        Response linked = api.put("/api/projects/" + project + "/vercel").token(owner.accessToken()).json(Api.map("vercelProjectId", vercelProject,
                "teamId", TEAM, "credentialId", credential, "webhookSecret", WEBHOOK_SECRET)).send();
        assertThat(linked.status()).as(linked.text()).isEqualTo(200);
        return new Linked(owner, project, vercelProject, token);
    }

    private static VercelEventReceived event(Linked linked, String type, String uid) {
        return new VercelEventReceived(linked.project(), "evt_" + UUID.randomUUID(), type, uid, "shop-git-main-acme.vercel.app", "production",
                "9f2c1e0", "Add checkout", "main");
    }

    private void stubPage(Linked linked, long until, String body) {
        fake.stubFor(get(urlPathEqualTo("/v6/deployments")).withQueryParam("projectId", equalTo(linked.vercelProject()))
                .withQueryParam("until", equalTo(Long.toString(until))).willReturn(okJson(body)));
    }

    private JsonNode followLog(Linked linked, Deployment deployment, String after) {
        Response read = api.get("/api/deployments/" + deployment.id() + "/log" + (after == null ? "" : "?after=" + after))
                .token(linked.owner().accessToken()).send();
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        return read.json();
    }

    /** The log lines of events, as NEX7 stores them. */
    private static String text(List<Map<String, Object>> events) {
        return events.stream().filter(event -> event.get("text") != null).map(event -> event.get("text") + "\n")
                .collect(Collectors.joining());
    }

    private static long createdAt(Map<String, Object> deployment) {
        return (Long) deployment.get("createdAt");
    }

    private static String sha(int number) {
        return "%040d".formatted(number);
    }

    private void stubList(Linked linked, String etag, String body) {
        fake.stubFor(get(urlPathEqualTo("/v6/deployments")).withQueryParam("projectId", equalTo(linked.vercelProject()))
                .willReturn(okJson(body).withHeader("ETag", etag)));
    }

    private Deployment recorded(Linked linked, DeploymentStatus status, String environment) {
        String sha = UUID.randomUUID().toString().replace("-", "") + "abcdefgh";
        Deployment deployment = deployments.record(new NewDeployment(linked.project(), Deployment.VERCEL, deploymentId(), "poll", environment,
                sha, "Commit " + sha.substring(0, 7), "main", null), DeploymentStatus.BUILDING);
        return deployments.finish(deployment.id(), status, "https://shop.vercel.app", null);
    }

    private Map<String, Object> poll(Linked linked) {
        return jdbc.sql("SELECT etag, next_poll_at, failures, last_error FROM deployment_vercel_polls WHERE project_id = :project")
                .param("project", linked.project().value()).query().singleRow();
    }

    private static Instant nextPoll(Map<String, Object> poll) {
        Object value = poll.get("next_poll_at");
        return value instanceof OffsetDateTime time ? time.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
