package dev.nex7.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.nex7.deployment.DeploymentEvents.DeploymentFailed;
import dev.nex7.deployment.DeploymentEvents.FixMerged;
import dev.nex7.deployment.DeploymentEvents.FixProposed;
import dev.nex7.deployment.DeploymentEvents.RecoveryFailed;
import dev.nex7.deployment.DeploymentEvents.RolledBack;
import dev.nex7.deployment.DeploymentId;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import tools.jackson.databind.JsonNode;

/**
 * In-app notifications end to end: deployment events published in a transaction reach the members
 * who want them (and nobody else), newest first, live over server-sent events, each person seeing
 * and marking only their own.
 */
class InAppNotificationIntegrationTests extends NotificationIntegrationTest {

    @Test
    void everyKindReachesTheMembersWhosePreferencesAllowItAndNoOneElse() {
        Session owner = newUser("Owner");
        Session editor = newUser("Editor");
        Session outsider = newUser("Outsider");
        String project = project(owner, "Shop");
        addMember(owner, project, editor, "editor");
        Response muted = api.put("/api/notifications/preferences").token(editor.accessToken())
                .json(Api.map("kinds", List.of(Api.map("kind", "fix_proposed", "inApp", false, "email", false)))).send();
        assertThat(muted.status()).as(muted.text()).isEqualTo(200);
        ProjectId id = new ProjectId(UUID.fromString(project));
        DeploymentId deployment = DeploymentId.random();

        publish(new DeploymentFailed(id, deployment, "local", "6dcb09b5b57875f334f61aebed695e2e4193db5e", "Add checkout", "main",
                "missing-module", "Cannot find module 'left-pad'"));
        publish(new FixProposed(id, deployment, "add-dependency", 0.93, "Add left-pad to package.json", "https://github.com/acme/shop/pull/7"));
        publish(new FixMerged(id, deployment, "add-dependency", "Add left-pad to package.json", "a1b2c3d4e5f6a7b8c9d0"));
        publish(new RecoveryFailed(id, deployment, 2, "Both fixes failed their proof build"));
        publish(new RolledBack(id, deployment, DeploymentId.random(), "0f0e0d0c0b0a", true));

        List<JsonNode> mine = awaitNotifications(owner, list -> list.size() == 5);
        List<JsonNode> editors = awaitNotifications(editor, list -> list.size() == 4);
        // Listeners run concurrently, so the five may be stored in any order.
        assertThat(mine).extracting(n -> n.path("kind").asString())
                .containsExactlyInAnyOrder("rolled_back", "recovery_failed", "fix_merged", "fix_proposed", "deployment_failed");
        assertThat(editors).extracting(n -> n.path("kind").asString()).doesNotContain("fix_proposed");
        JsonNode failure = ofKind(mine, "deployment_failed");
        assertThat(failure.path("title").asString()).isEqualTo("Deployment failed in Shop");
        assertThat(failure.path("body").asString()).contains("main@6dcb09b").contains("Cannot find module 'left-pad'");
        assertThat(failure.path("link").asString()).isEqualTo("/projects/" + project + "/deployments/" + deployment);
        assertThat(failure.path("projectId").asString()).isEqualTo(project);
        assertThat(failure.path("readAt").isNull()).isTrue();
        assertThat(ofKind(mine, "fix_proposed").path("body").asString()).contains("93%").contains("https://github.com/acme/shop/pull/7");
        assertThat(ofKind(mine, "rolled_back").path("title").asString()).isEqualTo("Shop rolled back");
        assertThat(notifications(outsider)).isEmpty();
        assertThat(api.get("/api/notifications/unread-count").token(owner.accessToken()).send().json().path("count").asLong()).isEqualTo(5);
    }

    @Test
    void theSameEventHandedOverTwiceNotifiesOnce() {
        Session owner = newUser("Twice");
        String project = project(owner, "Twice");
        DeploymentFailed event = failed(project);

        publish(event);
        publish(event);
        publish(failed(project));

        assertThat(awaitNotifications(owner, list -> list.size() >= 2)).hasSize(2);
    }

    @Test
    void theStreamSendsTheCountFirstThenEachNewNotificationAndEachChangeOfTheCount() throws Exception {
        Session owner = newUser("Watcher");
        String project = project(owner, "Live");

        try (EventStream stream = EventStream.open(api.base() + "/api/notifications/stream", owner.accessToken())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            stream.await(events -> !events.isEmpty());
            assertThat(stream.events().getFirst().name()).isEqualTo("unread");
            assertThat(stream.events().getFirst().data().path("count").asLong()).isZero();

            publish(failed(project));
            List<EventStream.Event> events = stream.await(all -> all.stream().anyMatch(e -> e.name().equals("unread")
                    && e.data().path("count").asLong() == 1));
            EventStream.Event arrived = events.stream().filter(e -> e.name().equals("notification")).findFirst().orElseThrow();
            assertThat(arrived.data().path("title").asString()).isEqualTo("Deployment failed in Live");

            String id = arrived.data().path("id").asString();
            assertThat(api.post("/api/notifications/" + id + "/read").token(owner.accessToken()).send().status()).isEqualTo(200);
            stream.await(all -> all.getLast().name().equals("unread") && all.getLast().data().path("count").asLong() == 0);
        }
    }

    @Test
    void markingReadChangesTheCountAndSomeoneElsesNotificationIsNotFound() {
        Session owner = newUser("Reader");
        Session other = newUser("Other");
        String project = project(owner, "Reads");
        publish(failed(project));
        String older = awaitNotifications(owner, list -> list.size() == 1).getFirst().path("id").asString();
        publish(failed(project));
        List<JsonNode> mine = awaitNotifications(owner, list -> list.size() == 2);
        String first = mine.getFirst().path("id").asString();
        assertThat(mine.get(1).path("id").asString()).as("newest first").isEqualTo(older);

        Response stranger = api.post("/api/notifications/" + first + "/read").token(other.accessToken()).send();
        Response missing = api.post("/api/notifications/" + UUID.randomUUID() + "/read").token(owner.accessToken()).send();
        Response read = api.post("/api/notifications/" + first + "/read").token(owner.accessToken()).send();

        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.problemType()).isEqualTo("notification-not-found");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("readAt").isNull()).isFalse();
        assertThat(unread(owner)).isEqualTo(1);
        assertThat(api.get("/api/notifications?unreadOnly=true").token(owner.accessToken()).send().json().path("items").size()).isEqualTo(1);

        Response all = api.post("/api/notifications/read-all").token(owner.accessToken()).send();
        assertThat(all.json().path("count").asLong()).isZero();
        assertThat(unread(owner)).isZero();
    }

    @Test
    void pagesGoNewestFirstAndTheOldestReadOnesArePrunedBeyondTheLimit() {
        Session owner = newUser("Pager");
        String project = project(owner, "Pages");
        for (int i = 0; i < 12; i++) {
            publish(failed(project));
        }
        awaitNotifications(owner, list -> list.size() == 12);

        Response first = api.get("/api/notifications?limit=5").token(owner.accessToken()).send();
        String before = first.json().path("nextBefore").asString();
        Response second = api.get("/api/notifications?limit=5&before=" + before).token(owner.accessToken()).send();
        Response last = api.get("/api/notifications?limit=5&before=" + second.json().path("nextBefore").asString())
                .token(owner.accessToken()).send();
        assertThat(first.json().path("items").size()).isEqualTo(5);
        assertThat(second.json().path("items").get(0).path("id").asString())
                .isNotEqualTo(first.json().path("items").get(4).path("id").asString());
        assertThat(last.json().path("items").size()).isEqualTo(2);
        assertThat(last.json().path("nextBefore").isMissingNode() || last.json().path("nextBefore").isNull()).isTrue();
        assertThat(api.get("/api/notifications?limit=0").token(owner.accessToken()).send().status()).isEqualTo(400);
        assertThat(api.get("/api/notifications?limit=101").token(owner.accessToken()).send().problemType()).isEqualTo("validation-failed");
        assertThat(api.get("/api/notifications?before=" + UUID.randomUUID()).token(owner.accessToken()).send().status()).isEqualTo(400);

        // Unread ones are never dropped: twelve stay although the limit is ten. Read ones go, oldest first.
        String newestBefore = notifications(owner).getFirst().path("id").asString();
        api.post("/api/notifications/read-all").token(owner.accessToken()).send();
        publish(failed(project));
        List<JsonNode> kept = awaitNotifications(owner, list -> list.size() == 10);
        assertThat(kept.getFirst().path("readAt").isNull()).isTrue();
        assertThat(kept.get(1).path("id").asString()).isEqualTo(newestBefore);
    }

    @Test
    void someoneWhoLeavesAProjectLosesItsNotifications() {
        Session owner = newUser("Keeper");
        Session leaver = newUser("Leaver");
        String project = project(owner, "Leaving");
        addMember(owner, project, leaver, "viewer");
        publish(failed(project));
        awaitNotifications(leaver, list -> list.size() == 1);

        assertThat(api.delete("/api/projects/" + project + "/members/" + leaver.id()).token(leaver.accessToken()).send().status()).isEqualTo(204);

        awaitNotifications(leaver, List::isEmpty);
        assertThat(notifications(owner)).hasSize(1);
    }

    private static JsonNode ofKind(List<JsonNode> notifications, String kind) {
        return notifications.stream().filter(n -> n.path("kind").asString().equals(kind)).findFirst().orElseThrow();
    }

    private long unread(Session user) {
        return api.get("/api/notifications/unread-count").token(user.accessToken()).send().json().path("count").asLong();
    }
}
