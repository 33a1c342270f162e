package dev.nex7.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import dev.nex7.deployment.DeploymentEvents.DeploymentFailed;
import dev.nex7.deployment.DeploymentEvents.DeploymentStarted;
import dev.nex7.deployment.DeploymentEvents.DeploymentSucceeded;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The deployments store: a deployment moves queued → building → ready/error with one event per
 * move, a finished one stays finished, a failed one's log is analysed with its root cause on the
 * event, and only project members read the timeline and the log. A running deployment's log is
 * followed with a cursor: only what is new, or the whole text when the kept log was rewritten.
 */
@RecordApplicationEvents
class DeploymentsIntegrationTests extends IntegrationTest {

    private static final String TSC_LOG = """
            $ npm run build
            > shop@1.0.0 build
            > tsc -p .

            src/index.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.
            """;

    @Autowired
    Deployments deployments;

    @Autowired
    ApplicationEvents events;

    @Test
    void aDeploymentMovesThroughItsStatesWithOneEventPerMoveAndAFinishedOneStaysFinished() {
        Session owner = newUser("deploy-states");
        ProjectId project = project(owner);

        Deployment queued = deployments.record(deployment(project, "a".repeat(40)), DeploymentStatus.QUEUED);
        Deployment building = deployments.start(queued.id()).orElseThrow();
        Deployment ready = deployments.finish(queued.id(), DeploymentStatus.READY, "http://localhost/shop", "$ npm run build\nok\n");
        Deployment again = deployments.finish(queued.id(), DeploymentStatus.ERROR, null, TSC_LOG);

        assertThat(queued.status()).isEqualTo(DeploymentStatus.QUEUED);
        assertThat(building.status()).isEqualTo(DeploymentStatus.BUILDING);
        assertThat(building.startedAt()).isNotNull();
        assertThat(deployments.start(queued.id())).as("started once").isEmpty();
        assertThat(ready.status()).isEqualTo(DeploymentStatus.READY);
        assertThat(ready.url()).isEqualTo("http://localhost/shop");
        assertThat(ready.duration()).isNotNull();
        assertThat(again.status()).as("a finished deployment stays finished").isEqualTo(DeploymentStatus.READY);
        assertThat(events.stream(DeploymentStarted.class).filter(e -> e.deploymentId().equals(queued.id()))).hasSize(1);
        assertThat(events.stream(DeploymentSucceeded.class).filter(e -> e.deploymentId().equals(queued.id()))).singleElement()
                .satisfies(e -> assertThat(e.payload()).containsEntry("url", "http://localhost/shop").containsEntry("commitSha", "a".repeat(40)));
        assertThat(events.stream(DeploymentFailed.class).filter(e -> e.deploymentId().equals(queued.id()))).isEmpty();
    }

    @Test
    void aFailedDeploymentsLogIsAnalysedAndItsRootCauseTravelsWithTheEvent() {
        Session owner = newUser("deploy-failed");
        ProjectId project = project(owner);
        Deployment building = deployments.record(deployment(project, "b".repeat(40)), DeploymentStatus.BUILDING);

        Deployment failed = deployments.finish(building.id(), DeploymentStatus.ERROR, null, TSC_LOG);

        assertThat(failed.rootCategory()).isEqualTo("type-error");
        assertThat(failed.rootCause()).contains("not assignable");
        assertThat(events.stream(DeploymentFailed.class).filter(e -> e.deploymentId().equals(building.id()))).singleElement()
                .satisfies(e -> {
                    assertThat(e.type()).isEqualTo("deployment.failed");
                    assertThat(e.payload()).containsEntry("rootCategory", "type-error");
                });
        JsonNode log = api.get("/api/deployments/" + building.id() + "/log").token(owner.accessToken()).send().json();
        assertThat(log.path("text").asString()).isEqualTo(TSC_LOG);
        assertThat(log.path("findings").get(0).path("root").asBoolean()).isTrue();
        assertThat(log.path("findings").get(0).path("file").asString()).isEqualTo("src/index.ts");
        assertThat(log.path("findings").get(0).path("logLine").asInt()).isEqualTo(5);
    }

    @Test
    void membersReadTheTimelineNewestFirstPageByPageAndOthersSeeNothing() {
        Session owner = newUser("deploy-timeline");
        Session stranger = newUser("deploy-stranger");
        ProjectId project = project(owner);
        Deployment first = deployments.record(deployment(project, "c".repeat(40)), DeploymentStatus.QUEUED);
        clock.advance(java.time.Duration.ofSeconds(5));
        Deployment second = deployments.record(deployment(project, "d".repeat(40)), DeploymentStatus.QUEUED);

        JsonNode page = api.get("/api/projects/" + project + "/deployments?limit=1").token(owner.accessToken()).send().json();
        String before = page.get(0).path("createdAt").asString();
        JsonNode next = api.get("/api/projects/" + project + "/deployments?limit=1&before=" + before).token(owner.accessToken()).send().json();
        Response strangersList = api.get("/api/projects/" + project + "/deployments").token(stranger.accessToken()).send();
        Response strangersOne = api.get("/api/deployments/" + first.id()).token(stranger.accessToken()).send();
        Response badLimit = api.get("/api/projects/" + project + "/deployments?limit=0").token(owner.accessToken()).send();

        assertThat(page.get(0).path("id").asString()).isEqualTo(second.id().toString());
        assertThat(next.get(0).path("id").asString()).isEqualTo(first.id().toString());
        assertThat(strangersList.status()).isEqualTo(404);
        assertThat(strangersOne.status()).isEqualTo(404);
        assertThat(strangersOne.problemType()).endsWith("deployment-not-found");
        assertThat(badLimit.status()).isEqualTo(400);
    }

    @Test
    void aReaderFollowingTheLogGetsWhatIsNewAndTheWholeTextWhenTheKeptLogWasRewritten() {
        Session owner = newUser("deploy-follow");
        ProjectId project = project(owner);
        Deployment building = deployments.record(deployment(project, "e".repeat(40)), DeploymentStatus.BUILDING);
        String lines = "compiling module 0000123 of the shop's storefront\n".repeat(25_000); // 1.25M characters: half the cap and more

        JsonNode empty = follow(owner, building, null);
        deployments.appendLog(building.id(), "$ npm run build\n", null);
        JsonNode start = follow(owner, building, empty.path("cursor").asString());
        deployments.appendLog(building.id(), lines, null);
        JsonNode grown = follow(owner, building, start.path("cursor").asString());
        deployments.appendLog(building.id(), lines, null);
        JsonNode rewritten = follow(owner, building, grown.path("cursor").asString());
        deployments.appendLog(building.id(), "bundled 3 pages\n", null);
        JsonNode appended = follow(owner, building, rewritten.path("cursor").asString());
        deployments.finish(building.id(), DeploymentStatus.ERROR, null, TSC_LOG);
        JsonNode finished = follow(owner, building, appended.path("cursor").asString());
        boolean appendedOnceEnded = deployments.appendLog(building.id(), "late\n", null);

        assertThat(empty.path("text").isNull()).as("nothing stored yet").isTrue();
        assertThat(empty.path("status").asString()).isEqualTo("building");
        assertThat(start.path("text").asString()).isEqualTo("$ npm run build\n");
        assertThat(start.path("reset").asBoolean()).isFalse();
        assertThat(grown.path("text").asString()).isEqualTo(lines);
        assertThat(grown.path("reset").asBoolean()).isFalse();
        String whole = rewritten.path("text").asString();
        assertThat(rewritten.path("reset").asBoolean()).as("the kept end moved: read it whole").isTrue();
        assertThat(whole).startsWith("$ npm run build\ncompiling module").contains("characters of the log dropped while it was building]\n")
                .endsWith(lines.substring(lines.length() - 1_000)).hasSizeLessThanOrEqualTo(2 * 1024 * 1024);
        assertThat(whole.lines()).as("cut at line ends").allMatch(line -> line.startsWith("$ ") || line.startsWith("compiling module 0000123 of")
                && line.endsWith("storefront") || line.startsWith("[nex7: "));
        assertThat(appended.path("text").asString()).isEqualTo("bundled 3 pages\n");
        assertThat(appended.path("reset").asBoolean()).isFalse();
        assertThat(deployments.log(building.id()).text()).isEqualTo(TSC_LOG);
        assertThat(finished.path("reset").asBoolean()).as("the final log replaced the one written while building").isTrue();
        assertThat(finished.path("text").asString()).isEqualTo(TSC_LOG);
        assertThat(finished.path("status").asString()).isEqualTo("error");
        assertThat(finished.path("findings").get(0).path("root").asBoolean()).isTrue();
        assertThat(appendedOnceEnded).isFalse();
    }

    @Test
    void theFinalLogThatContinuesTheFollowedOneIsReadOnlyForWhatIsNew() {
        Session owner = newUser("deploy-follow-end");
        ProjectId project = project(owner);
        Deployment building = deployments.record(deployment(project, "f".repeat(40)), DeploymentStatus.BUILDING);
        deployments.appendLog(building.id(), "$ npm run build\n> tsc -p .\n", null);
        JsonNode started = follow(owner, building, null);

        deployments.finish(building.id(), DeploymentStatus.READY, null, "$ npm run build\n> tsc -p .\nbuilt in 2.1s\n");
        JsonNode ended = follow(owner, building, started.path("cursor").asString());
        Response badCursor = api.get("/api/deployments/" + building.id() + "/log?after=latest").token(owner.accessToken()).send();

        assertThat(ended.path("reset").asBoolean()).isFalse();
        assertThat(ended.path("text").asString()).isEqualTo("built in 2.1s\n");
        assertThat(ended.path("status").asString()).isEqualTo("ready");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(Api.fields(badCursor)).containsExactly("after");
    }

    private JsonNode follow(Session owner, Deployment deployment, String after) {
        Response read = api.get("/api/deployments/" + deployment.id() + "/log" + (after == null ? "" : "?after=" + after))
                .token(owner.accessToken()).send();
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        return read.json();
    }

    private NewDeployment deployment(ProjectId project, String sha) {
        return new NewDeployment(project, Deployment.LOCAL, null, "manual", null, sha, "Greet our guests", "main", null);
    }

    private ProjectId project(Session owner) {
        Response created = api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "Shop", "type", "web")).send();
        return new ProjectId(UUID.fromString(created.json().path("id").asString()));
    }
}
