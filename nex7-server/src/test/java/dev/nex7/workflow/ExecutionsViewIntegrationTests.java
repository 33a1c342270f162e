package dev.nex7.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import tools.jackson.databind.JsonNode;

/** What the executions and approvals pages read: executions of one project, and approvals waiting in the caller's projects. */
class ExecutionsViewIntegrationTests extends WorkflowIntegrationTest {

    void addMember(Session owner, String project, Session member, String role) {
        api.post("/api/projects/" + project + "/members").token(owner.accessToken()).json(Api.map("email", member.email(), "role", role)).send();
    }

    JsonNode approvals(Session user, String query) {
        Response listed = api.get("/api/approvals" + query).token(user.accessToken()).send();
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        return listed.json();
    }

    String waitingApproval(Session owner, String project, String approverRole) {
        String workflow = workflow(owner, project, FlowNodesIntegrationTests.approvalFlow(
                Map.of("message", "Ship order {{ $input.order }}?", "approverRole", approverRole, "timeoutMinutes", 60)));
        String execution = runWith(owner, workflow, Api.map("order", 42));
        awaitStatus(owner, execution, "waiting");
        return execution;
    }

    @Test
    void executionsAreFilteredByProjectAndSayWhoStartedThem() {
        Session owner = newUser("Runner");
        Session stranger = newUser("Stranger");
        String first = project(owner);
        String second = project(owner);
        String inFirst = workflow(owner, first, WorkflowFixtures.definition().node("start", "manual-trigger", Map.of()).build());
        String inSecond = workflow(owner, second, WorkflowFixtures.definition().node("start", "manual-trigger", Map.of()).build());
        String execution = runWith(owner, inFirst, Map.of());
        awaitStatus(owner, execution, "succeeded");
        awaitStatus(owner, runWith(owner, inSecond, Map.of()), "succeeded");

        JsonNode ofFirst = api.get("/api/executions?projectId=" + first).token(owner.accessToken()).send().json();
        JsonNode mismatched = api.get("/api/executions?projectId=" + first + "&workflowId=" + inSecond).token(owner.accessToken()).send().json();
        Response byStranger = api.get("/api/executions?projectId=" + first).token(stranger.accessToken()).send();

        assertThat(ofFirst.path("totalItems").asInt()).isEqualTo(1);
        JsonNode item = ofFirst.path("items").get(0);
        assertThat(item.path("id").asString()).isEqualTo(execution);
        assertThat(item.path("startedBy").asString()).isEqualTo(owner.id().toString());
        assertThat(item.path("mode").asString()).isEqualTo("manual");
        assertThat(item.path("durationMillis").isNumber()).isTrue();
        assertThat(mismatched.path("totalItems").asInt()).isZero();
        assertThat(byStranger.status()).isEqualTo(404);
        assertThat(byStranger.header("Content-Type")).contains("application/problem+json");
    }

    @Test
    void approvalsListOnlyTheCallersProjectsAndSayWhoMayDecide() {
        Session owner = newUser("Owner");
        Session viewer = newUser("Viewer");
        Session other = newUser("Other");
        String project = project(owner);
        addMember(owner, project, viewer, "viewer");
        String mine = waitingApproval(owner, project, "editor");
        String theirs = waitingApproval(other, project(other), "owner");

        JsonNode forOwner = approvals(owner, "");
        JsonNode forViewer = approvals(viewer, "");
        JsonNode forOther = approvals(other, "");

        assertThat(forOwner.path("totalItems").asInt()).isEqualTo(1);
        JsonNode pending = forOwner.path("items").get(0);
        assertThat(pending.path("executionId").asString()).isEqualTo(mine);
        assertThat(pending.path("nodeId").asString()).isEqualTo("ask");
        assertThat(pending.path("nodeName").asString()).isEqualTo("ask");
        assertThat(pending.path("workflowName").asString()).isEqualTo("Flow");
        assertThat(pending.path("projectId").asString()).isEqualTo(project);
        assertThat(pending.path("message").asString()).isEqualTo("Ship order 42?");
        assertThat(pending.path("approverRole").asString()).isEqualTo("editor");
        assertThat(pending.path("input").path("order").asInt()).isEqualTo(42);
        assertThat(pending.path("requestedAt").asString()).isNotBlank();
        assertThat(pending.path("timeoutAt").asString()).isNotBlank();
        assertThat(pending.path("canDecide").asBoolean()).isTrue();
        assertThat(forViewer.path("items").get(0).path("executionId").asString()).isEqualTo(mine);
        assertThat(forViewer.path("items").get(0).path("canDecide").asBoolean()).isFalse();
        assertThat(forOther.path("totalItems").asInt()).isEqualTo(1);
        assertThat(forOther.path("items").get(0).path("executionId").asString()).isEqualTo(theirs);
    }

    @Test
    void aDecidedApprovalLeavesTheListWhichPages() {
        Session owner = newUser("Pager");
        String project = project(owner);
        String first = waitingApproval(owner, project, "editor");
        String second = waitingApproval(owner, project, "owner");

        JsonNode firstPage = approvals(owner, "?size=1");
        api.post("/api/executions/" + first + "/approvals/ask").token(owner.accessToken()).json(Api.map("decision", "reject")).send();
        JsonNode afterDecision = approvals(owner, "");
        Response badSize = api.get("/api/approvals?size=0").token(owner.accessToken()).send();
        Response anonymous = api.get("/api/approvals").send();

        assertThat(firstPage.path("totalItems").asInt()).isEqualTo(2);
        assertThat(firstPage.path("totalPages").asInt()).isEqualTo(2);
        assertThat(firstPage.path("items").size()).isEqualTo(1);
        assertThat(firstPage.path("items").get(0).path("executionId").asString()).isEqualTo(first);
        assertThat(afterDecision.path("items").valueStream().map(item -> item.path("executionId").asString()).toList())
                .containsExactly(second);
        assertThat(badSize.status()).isEqualTo(400);
        assertThat(badSize.header("Content-Type")).contains("application/problem+json");
        assertThat(anonymous.status()).isEqualTo(401);
    }
}
