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
 * event, and only project members read the timeline and the log.
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

    private NewDeployment deployment(ProjectId project, String sha) {
        return new NewDeployment(project, Deployment.LOCAL, null, "manual", null, sha, "Greet our guests", "main", null);
    }

    private ProjectId project(Session owner) {
        Response created = api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "Shop", "type", "web")).send();
        return new ProjectId(UUID.fromString(created.json().path("id").asString()));
    }
}
