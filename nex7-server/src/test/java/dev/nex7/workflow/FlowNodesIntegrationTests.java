package dev.nex7.workflow;

import static dev.nex7.workflow.WorkflowFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import tools.jackson.databind.JsonNode;

/** Nodes that pause or nest executions: human approval and sub-workflows. */
class FlowNodesIntegrationTests extends WorkflowIntegrationTest {

    Response decide(Session user, String execution, String node, String decision) {
        return api.post("/api/executions/" + execution + "/approvals/" + node).token(user.accessToken())
                .json(Api.map("decision", decision, "comment", "looked at it")).send();
    }

    static Map<String, Object> approvalFlow(Map<String, Object> parameters) {
        return definition()
                .node("start", "manual-trigger", Map.of())
                .node("ask", "approval", parameters)
                .node("yes", "merge", Map.of("mode", "append"))
                .node("no", "merge", Map.of("mode", "append"))
                .node("late", "merge", Map.of("mode", "append"))
                .edge("start", "ask")
                .edge("ask", "approved", "yes", "a")
                .edge("ask", "rejected", "no", "a")
                .edge("ask", "timeout", "late", "a")
                .build();
    }

    void addMember(Session owner, String project, Session member, String role) {
        api.post("/api/projects/" + project + "/members").token(owner.accessToken()).json(Api.map("email", member.email(), "role", role)).send();
    }

    @Test
    void anApprovalWaitsForAnEditorsDecisionWhichIsTakenOnce() {
        Session owner = newUser("Approver");
        Session viewer = newUser("Onlooker");
        Session stranger = newUser("Stranger");
        String project = project(owner);
        addMember(owner, project, viewer, "viewer");
        String id = workflow(owner, project, approvalFlow(Map.of("message", "Ship order {{ $input.order }}?")));

        String execution = runWith(owner, id, Api.map("order", 42));
        awaitStatus(owner, execution, "waiting");
        Response byViewer = decide(viewer, execution, "ask", "approve");
        Response byStranger = decide(stranger, execution, "ask", "approve");
        Response invalid = api.post("/api/executions/" + execution + "/approvals/ask").token(owner.accessToken())
                .json(Api.map("decision", "maybe")).send();
        Response wrongNode = decide(owner, execution, "yes", "approve");
        Response approved = decide(owner, execution, "ask", "approve");
        Response again = decide(owner, execution, "ask", "reject");
        JsonNode done = awaitStatus(owner, execution, "succeeded");

        assertThat(byViewer.status()).isEqualTo(403);
        assertThat(byStranger.status()).isEqualTo(404);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(wrongNode.status()).isEqualTo(409);
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(409);
        JsonNode output = node(done, "yes").path("output").path("main").get(0);
        assertThat(output.path("input").path("order").asInt()).isEqualTo(42);
        assertThat(output.path("approval").path("decision").asString()).isEqualTo("approve");
        assertThat(output.path("approval").path("decidedBy").asString()).isEqualTo(owner.id().toString());
        assertThat(output.path("approval").path("comment").asString()).isEqualTo("looked at it");
        assertThat(node(done, "no").path("status").asString()).isEqualTo("skipped");
    }

    @Test
    void aRejectionTakesTheRejectedPortAndOwnerOnlyApprovalsRefuseEditors() {
        Session owner = newUser("Boss");
        Session editor = newUser("Clerk");
        String project = project(owner);
        addMember(owner, project, editor, "editor");
        String id = workflow(owner, project, approvalFlow(Map.of("approverRole", "owner")));

        String execution = runWith(owner, id, Api.map("n", 1));
        awaitStatus(owner, execution, "waiting");
        Response byEditor = decide(editor, execution, "ask", "approve");
        Response rejected = decide(owner, execution, "ask", "reject");
        JsonNode done = awaitStatus(owner, execution, "succeeded");

        assertThat(byEditor.status()).isEqualTo(403);
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(node(done, "no").path("output").path("main").get(0).path("approval").path("decision").asString()).isEqualTo("reject");
        assertThat(node(done, "yes").path("status").asString()).isEqualTo("skipped");
    }

    @Test
    void anUnansweredApprovalTimesOut() {
        Session owner = newUser("Sleeper");
        String id = workflow(owner, project(owner), approvalFlow(Map.of("timeoutMinutes", 10)));

        String execution = runWith(owner, id, Api.map("n", 1));
        awaitStatus(owner, execution, "waiting");
        clock.advance(Duration.ofMinutes(11));
        JsonNode done = awaitStatus(owner, execution, "succeeded");

        assertThat(node(done, "late").path("output").path("main").get(0).path("approval").path("decision").asString()).isEqualTo("timeout");
        assertThat(decide(owner, execution, "ask", "approve").status()).isEqualTo(409);
    }

    @Test
    void aSubWorkflowRunsTheChildsActiveVersionAndHandsBackItsResult() {
        Session owner = newUser("Parent");
        String project = project(owner);
        String child = workflow(owner, project, definition()
                .node("in", "manual-trigger", Map.of())
                .node("double", "set", Map.of("fields", List.of(Map.of("name", "n", "value", "{{ n * 2 }}"))))
                .edge("in", "double")
                .build());
        api.post("/api/workflows/" + child + "/versions").token(owner.accessToken()).send();
        api.put("/api/workflows/" + child + "/activation").token(owner.accessToken()).json(Api.map("version", 1)).send();
        String parent = workflow(owner, project, definition()
                .node("start", "manual-trigger", Map.of())
                .node("call", "sub-workflow", Map.of("workflowId", child))
                .node("after", "set", Map.of("fields", List.of(Map.of("name", "plusOne", "value", "{{ n + 1 }}"))))
                .edge("start", "call")
                .edge("call", "after")
                .build());

        String execution = runWith(owner, parent, Api.map("n", 20));
        JsonNode done = awaitStatus(owner, execution, "succeeded");

        JsonNode after = node(done, "after").path("output").path("main");
        assertThat(after.path("n").asInt()).isEqualTo(40);
        assertThat(after.path("plusOne").asInt()).isEqualTo(41);
        JsonNode children = api.get("/api/executions?workflowId=" + child).token(owner.accessToken()).send().json();
        assertThat(children.path("totalItems").asInt()).isEqualTo(1);
        assertThat(children.path("items").get(0).path("mode").asString()).isEqualTo("subworkflow");
    }

    @Test
    void aFailingChildFailsTheCallAndRecursionStopsAtTheDepthLimit() {
        Session owner = newUser("Recurser");
        String project = project(owner);
        String failing = workflow(owner, project, definition()
                .node("in", "manual-trigger", Map.of())
                .node("boom", "set", Map.of("fields", List.of(Map.of("name", "x", "value", "{{ $error('child broke') }}"))))
                .edge("in", "boom")
                .build());
        api.post("/api/workflows/" + failing + "/versions").token(owner.accessToken()).send();
        String caller = workflow(owner, project, definition()
                .node("start", "manual-trigger", Map.of())
                .node("call", "sub-workflow", Map.of("workflowId", failing, "version", 1))
                .edge("start", "call")
                .build());
        // A workflow that calls itself: it can only get its own id after it exists, so it is saved twice.
        String self = workflow(owner, project, definition().node("start", "manual-trigger", Map.of()).build());
        replaceDraft(owner, self, definition()
                .node("start", "manual-trigger", Map.of())
                .node("again", "sub-workflow", Map.of("workflowId", self, "version", 1))
                .edge("start", "again")
                .build());
        api.post("/api/workflows/" + self + "/versions").token(owner.accessToken()).send();

        JsonNode failed = awaitStatus(owner, runWith(owner, caller, Api.map("n", 1)), "failed");
        JsonNode recursed = awaitStatus(owner, runWith(owner, self, Api.map("n", 1)), "failed");

        assertThat(node(failed, "call").path("error").path("code").asString()).isEqualTo("sub-workflow-failed");
        assertThat(node(failed, "call").path("error").path("message").asString()).contains("child broke");
        assertThat(node(recursed, "again").path("error").path("code").asString()).isEqualTo("sub-workflow-failed");
        assertThat(node(recursed, "again").path("error").path("message").asString()).contains("may nest 10 deep");
        JsonNode all = api.get("/api/executions?workflowId=" + self + "&size=100").token(owner.accessToken()).send().json();
        // The top run plus ten nested ones (the default depth limit); the deepest fails and every caller fails after it.
        assertThat(all.path("totalItems").asInt()).isEqualTo(11);
        assertThat(all.path("items").valueStream().map(item -> item.path("status").asString()).distinct().toList()).containsExactly("failed");
    }
}
