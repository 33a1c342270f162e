package dev.nex7.workflow;

import static dev.nex7.workflow.WorkflowFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.workflow.engine.WorkflowEngine;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/** Nodes that pause or nest executions: human approval and sub-workflows. */
class FlowNodesIntegrationTests extends WorkflowIntegrationTest {

    @Autowired
    WorkflowEngine engine;

    @Autowired
    MeterRegistry metrics;

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

    @Test
    void aLoopRunsItsBodyPerItemAndHandsOnWhatCameBack() {
        Session owner = newUser("Looper");
        String id = workflow(owner, definition()
                .node("start", "manual-trigger", Map.of())
                .node("each", "loop", Map.of("field", "orders"))
                .node("double", "set", Map.of("fields", List.of(Map.of("name", "n2", "value", "{{ n * 2 }}"))))
                .node("collect", "aggregate", Map.of("fields", List.of("n2")))
                .edge("start", "each")
                .edge("each", "item", "double", "main")
                .edge("double", "main", "each", "return")
                .edge("each", "done", "collect", "main")
                .build());

        JsonNode done = awaitStatus(owner, runWith(owner, id, Api.map("orders", List.of(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3)))),
                "succeeded");

        assertThat(node(done, "collect").path("output").path("main").path("n2").valueStream().map(JsonNode::asInt).toList())
                .containsExactly(2, 4, 6);
        assertThat(node(done, "each").path("output").path("done").size()).isEqualTo(3);
        JsonNode iterations = done.path("iterations");
        assertThat(iterations.propertyNames()).containsExactly("each#0", "each#1", "each#2");
        JsonNode second = iterations.path("each#1").valueStream().filter(run -> run.path("nodeId").asString().equals("double"))
                .findFirst().orElseThrow();
        assertThat(second.path("input").path("main").path("n").asInt()).isEqualTo(2);
        assertThat(second.path("output").path("main").path("n2").asInt()).isEqualTo(4);
        assertThat(done.path("nodes").valueStream().map(run -> run.path("nodeId").asString()).toList()).doesNotContain("double");
    }

    @Test
    void batchesGoThroughTheBodyTogetherAndAFailingIterationFailsTheLoop() {
        Session owner = newUser("Batcher");
        String batched = workflow(owner, definition()
                .node("start", "manual-trigger", Map.of())
                .node("each", "loop", Map.of("batchSize", 2))
                .node("count", "transform", Map.of("expression", "{ \"size\": $count($) }"))
                .edge("start", "each")
                .edge("each", "item", "count", "main")
                .edge("count", "main", "each", "return")
                .build());
        String failing = workflow(owner, definition()
                .node("start", "manual-trigger", Map.of())
                .node("each", "loop", Map.of())
                .node("check", "set", Map.of("fields", List.of(Map.of("name", "x", "value", "{{ $ > 1 ? $error('too big: ' & $) : $ }}"))))
                .edge("start", "each")
                .edge("each", "item", "check", "main")
                .edge("check", "main", "each", "return")
                .build());

        JsonNode sizes = awaitStatus(owner, runWith(owner, batched, List.of(1, 2, 3, 4, 5)), "succeeded");
        JsonNode failed = awaitStatus(owner, runWith(owner, failing, List.of(0, 1, 2, 3)), "failed");

        assertThat(node(sizes, "each").path("output").path("done").valueStream().map(v -> v.path("size").asInt()).toList())
                .containsExactly(2, 2, 1);
        assertThat(node(failed, "each").path("error").path("code").asString()).isEqualTo("loop-body-failed");
        assertThat(node(failed, "each").path("error").path("message").asString()).contains("Iteration 2", "check", "too big: 2");
        assertThat(failed.path("iterations").propertyNames()).containsExactly("each#0", "each#1", "each#2");
    }

    @Test
    void aLoopBodyMustComeBackIntoReturnAndNotAlsoRunAfterTheLoop() {
        Session owner = newUser("Shaper");
        String id = workflow(owner, definition()
                .node("start", "manual-trigger", Map.of())
                .node("each", "loop", Map.of())
                .node("body", "merge", Map.of("mode", "append"))
                .node("shared", "merge", Map.of("mode", "append"))
                .edge("start", "each")
                .edge("each", "item", "body", "a")
                .edge("body", "main", "each", "main")
                .edge("body", "main", "shared", "a")
                .edge("each", "done", "shared", "b")
                .build());

        Response refused = api.post("/api/workflows/" + id + "/versions").token(owner.accessToken()).send();

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("problems").valueStream().map(p -> p.path("code").asString()).toList())
                .contains("loop-back-edge", "loop-overlap");
    }

    @Test
    void aLoopStoppedMidwayResumesWithoutRedoingFinishedIterations() {
        Session owner = newUser("Resumer");
        String id = workflow(owner, definition()
                .node("start", "manual-trigger", Map.of())
                .node("each", "loop", Map.of())
                .node("slow", "code", Map.of("code", "const t = Date.now(); while (Date.now() - t < 200) {} return { n: input };"))
                .edge("start", "each")
                .edge("each", "item", "slow", "main")
                .edge("slow", "main", "each", "return")
                .build());

        String execution = runWith(owner, id, List.of(0, 1, 2, 3, 4, 5, 6, 7));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/executions/" + execution).token(owner.accessToken()).send()
                .json().path("iterations").size() >= 3);
        engine.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> metrics.get("nex7_workflow_active_executions").gauge().value() == 0);
        JsonNode atStop = api.get("/api/executions/" + execution).token(owner.accessToken()).send().json();
        engine.start();
        JsonNode done = awaitStatus(owner, execution, "succeeded");

        assertThat(node(done, "each").path("output").path("done").valueStream().map(v -> v.path("n").asInt()).toList())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        List<String> finishedBeforeStop = atStop.path("iterations").propertyNames().stream().filter(scope -> atStop.path("iterations").path(scope)
                .valueStream().anyMatch(run -> run.path("nodeId").asString().equals("slow") && run.path("status").asString().equals("succeeded")))
                .toList();
        assertThat(finishedBeforeStop).isNotEmpty().hasSizeLessThan(8);
        for (String scope : finishedBeforeStop) {
            assertThat(slowRun(done, scope).path("startedAt").asString()).as(scope).isEqualTo(slowRun(atStop, scope).path("startedAt").asString());
        }
    }

    private static JsonNode slowRun(JsonNode detail, String scope) {
        return detail.path("iterations").path(scope).valueStream().filter(run -> run.path("nodeId").asString().equals("slow")).findFirst()
                .orElseThrow();
    }

    @Test
    void cancellingAParentCancelsTheSubWorkflowItWaitsFor() {
        Session owner = newUser("Canceller");
        String project = project(owner);
        String child = workflow(owner, project, definition()
                .node("in", "manual-trigger", Map.of())
                .node("pause", "wait", Map.of("amount", 1, "unit", "hours"))
                .edge("in", "pause")
                .build());
        api.post("/api/workflows/" + child + "/versions").token(owner.accessToken()).send();
        String parent = workflow(owner, project, definition()
                .node("start", "manual-trigger", Map.of())
                .node("call", "sub-workflow", Map.of("workflowId", child, "version", 1))
                .edge("start", "call")
                .build());

        String execution = runWith(owner, parent, Api.map("n", 1));
        awaitStatus(owner, execution, "waiting");
        JsonNode children = api.get("/api/executions?workflowId=" + child).token(owner.accessToken()).send().json();
        String childExecution = children.path("items").get(0).path("id").asString();
        awaitStatus(owner, childExecution, "waiting");
        Response cancelled = api.post("/api/executions/" + execution + "/cancel").token(owner.accessToken()).send();

        assertThat(cancelled.status()).isEqualTo(202);
        awaitStatus(owner, execution, "cancelled");
        awaitStatus(owner, childExecution, "cancelled");
    }
}
