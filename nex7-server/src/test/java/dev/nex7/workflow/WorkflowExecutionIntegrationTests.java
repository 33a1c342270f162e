package dev.nex7.workflow;

import static dev.nex7.workflow.WorkflowFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.workflow.engine.WorkflowEngine;
import tools.jackson.databind.JsonNode;

class WorkflowExecutionIntegrationTests extends WorkflowIntegrationTest {

    @Autowired
    WorkflowEngine engine;

    @Test
    void branchesRunInParallelAndTheUntakenBranchIsSkipped() {
        Session owner = newUser("Runner");
        String id = workflow(owner, definition()
                .node("start", "manual-trigger", Map.of())
                .node("check", "if", Map.of("condition", true))
                .node("yes", "merge", Map.of("mode", "append"))
                .node("no", "merge", Map.of("mode", "append"))
                .node("after-no", "merge", Map.of("mode", "append"))
                .node("left", "merge", Map.of("mode", "append"))
                .node("join", "merge", Map.of("mode", "combine"))
                .edge("start", "check")
                .edge("check", "true", "yes", "a")
                .edge("check", "false", "no", "a")
                .edge("no", "main", "after-no", "a")
                .edge("start", "main", "left", "a")
                .edge("start", "main", "join", "a")
                .edge("yes", "main", "join", "b")
                .build());

        Response started = run(owner, id, Api.map("input", Api.map("n", 1)));
        JsonNode done = awaitStatus(owner, started.json().path("id").asString(), "failed");

        assertThat(started.status()).isEqualTo(202);
        assertThat(node(done, "yes").path("status").asString()).isEqualTo("succeeded");
        assertThat(node(done, "yes").path("output").path("main").get(0).path("n").asInt()).isEqualTo(1);
        assertThat(node(done, "no").path("status").asString()).isEqualTo("skipped");
        assertThat(node(done, "after-no").path("status").asString()).isEqualTo("skipped");
        assertThat(node(done, "left").path("status").asString()).isEqualTo("succeeded");
        // combine needs objects; b carries a list, so the merge fails and stops the execution.
        assertThat(node(done, "join").path("status").asString()).isEqualTo("failed");
        assertThat(node(done, "join").path("error").path("code").asString()).isEqualTo("not-an-object");
        assertThat(node(done, "join").path("input").path("a").path("n").asInt()).isEqualTo(1);
        assertThat(done.path("execution").path("error").path("nodeId").asString()).isEqualTo("join");
    }

    @Test
    void executionsAndNodeRunsShowInTheMetricsWithoutUserLabels() {
        Session owner = newUser("Measured");
        String id = workflow(owner, definition()
                .node("start", "manual-trigger", Map.of())
                .node("tally", "set", Map.of("fields", List.of(Map.of("name", "n", "value", "{{ 1 }}"))))
                .edge("start", "tally")
                .build());
        awaitStatus(owner, run(owner, id, Map.of()).json().path("id").asString(), "succeeded");

        String metrics = api.get("/actuator/prometheus").token(admin().accessToken()).send().text();

        assertThat(metrics).containsPattern("nex7_workflow_executions_total\\{[^}]*status=\"succeeded\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("nex7_workflow_execution_duration_seconds_count(\\{[^}]*})? [1-9]");
        assertThat(metrics).containsPattern("nex7_node_duration_seconds_count\\{[^}]*type=\"set\"[^}]*} [1-9]");
        assertThat(metrics).contains("nex7_workflow_queue_depth", "nex7_workflow_active_executions");
        assertThat(metrics).doesNotContain(owner.id().toString());
    }

    @Test
    void onErrorRouteSendsTheFailureDownTheErrorPortAndContinueGoesOn() {
        Session owner = newUser("Router");
        String id = workflow(owner, definition()
                .node("start", "manual-trigger", Map.of())
                .node("list", "merge", Map.of("mode", "append"))
                .node("combine", "merge", Map.of("mode", "combine")).with("onError", "route")
                .node("handler", "merge", Map.of("mode", "append"))
                .node("tolerant", "merge", Map.of("mode", "combine")).with("onError", "continue")
                .edge("start", "main", "list", "a")
                .edge("list", "main", "combine", "a")
                .edge("combine", "error", "handler", "a")
                .edge("list", "main", "tolerant", "a")
                .build());

        JsonNode done = awaitStatus(owner, run(owner, id, Map.of()).json().path("id").asString(), "succeeded");

        assertThat(node(done, "combine").path("status").asString()).isEqualTo("failed");
        assertThat(node(done, "handler").path("output").path("main").get(0).path("code").asString()).isEqualTo("not-an-object");
        assertThat(node(done, "tolerant").path("status").asString()).isEqualTo("failed");
        assertThat(node(done, "tolerant").path("output").path("main").isObject()).isTrue();
    }

    @Test
    void pinnedDataIsUsedInsteadOfRunningTheNode() {
        Session owner = newUser("Pinner");
        String id = workflow(owner, definition()
                .node("start", "manual-trigger", Map.of())
                .node("slow", "wait", Map.of("amount", 1, "unit", "days"))
                .node("next", "merge", Map.of("mode", "append"))
                .edge("start", "slow")
                .edge("slow", "main", "next", "a")
                .build());

        JsonNode done = awaitStatus(owner, run(owner, id, Api.map("pinned", Api.map("slow", Api.map("cached", true))))
                .json().path("id").asString(), "succeeded");

        assertThat(node(done, "slow").path("pinned").asBoolean()).isTrue();
        assertThat(node(done, "next").path("output").path("main").get(0).path("cached").asBoolean()).isTrue();
    }

    @Test
    void aWaitIsDurableAndTheExecutionContinuesWhenItsTimeComes() {
        Session owner = newUser("Waiter");
        String id = workflow(owner, definition()
                .node("start", "manual-trigger", Map.of())
                .node("pause", "wait", Map.of("amount", 10, "unit", "minutes"))
                .node("after", "merge", Map.of("mode", "append"))
                .edge("start", "pause")
                .edge("pause", "main", "after", "a")
                .build());

        String execution = run(owner, id, Api.map("input", Api.map("order", 7))).json().path("id").asString();
        JsonNode parked = awaitStatus(owner, execution, "waiting");
        clock.advance(Duration.ofMinutes(11));
        JsonNode done = awaitStatus(owner, execution, "succeeded");

        assertThat(node(parked, "pause").path("status").asString()).isEqualTo("waiting");
        assertThat(node(done, "after").path("output").path("main").get(0).path("order").asInt()).isEqualTo(7);
    }

    @Test
    void aStoppedEngineThatStartsAgainPicksUpWaitingWork() {
        // Spring stops and restarts lifecycle beans when it pauses a context (the test context cache does this).
        Session owner = newUser("Restarter");
        String id = workflow(owner, definition()
                .node("start", "manual-trigger", Map.of())
                .node("pause", "wait", Map.of("amount", 5, "unit", "minutes"))
                .edge("start", "pause")
                .build());
        String execution = run(owner, id, Api.map("input", Api.map("k", 1))).json().path("id").asString();
        awaitStatus(owner, execution, "waiting");

        engine.stop();
        engine.start();
        clock.advance(Duration.ofMinutes(6));

        assertThat(awaitStatus(owner, execution, "succeeded").path("execution").path("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void aWaitingExecutionCanBeCancelled() {
        Session owner = newUser("Canceller");
        String id = workflow(owner, definition()
                .node("start", "manual-trigger", Map.of())
                .node("pause", "wait", Map.of("amount", 1, "unit", "hours"))
                .edge("start", "pause")
                .build());
        String execution = run(owner, id, Map.of()).json().path("id").asString();
        awaitStatus(owner, execution, "waiting");

        Response cancelled = api.post("/api/executions/" + execution + "/cancel").token(owner.accessToken()).send();
        JsonNode done = awaitStatus(owner, execution, "cancelled");
        Response again = api.post("/api/executions/" + execution + "/cancel").token(owner.accessToken()).send();

        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(done.path("execution").path("error").path("code").asString()).isEqualTo("cancelled");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void retryReusesSucceededNodesAndRerunForksWithEditedInput() {
        Session owner = newUser("Retrier");
        String id = workflow(owner, definition()
                .node("start", "manual-trigger", Map.of())
                .node("list", "merge", Map.of("mode", "append"))
                .node("combine", "merge", Map.of("mode", "combine"))
                .edge("start", "main", "list", "a")
                .edge("list", "main", "combine", "a")
                .build());
        String first = run(owner, id, Api.map("input", Api.map("n", 1))).json().path("id").asString();
        JsonNode failed = awaitStatus(owner, first, "failed");

        Response retry = api.post("/api/executions/" + first + "/retry").token(owner.accessToken()).send();
        JsonNode retried = awaitStatus(owner, retry.json().path("id").asString(), "failed");
        Response rerun = api.post("/api/executions/" + first + "/rerun?fromNode=combine").token(owner.accessToken())
                .json(Api.map("input", Api.map("fixed", true))).send();
        JsonNode forked = awaitStatus(owner, rerun.json().path("id").asString(), "succeeded");

        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().path("retryOf").asString()).isEqualTo(first);
        // The succeeded node was reused, not run again: same timestamps as in the first execution.
        assertThat(node(retried, "list").path("startedAt")).isEqualTo(node(failed, "list").path("startedAt"));
        assertThat(node(forked, "combine").path("output").path("main").path("fixed").asBoolean()).isTrue();
        assertThat(node(forked, "combine").path("input").path("a").path("fixed").asBoolean()).isTrue();
    }

    @Test
    void theExecutionListFiltersByWorkflowAndStatus() {
        Session owner = newUser("Lister");
        String id = workflow(owner, definition().node("start", "manual-trigger", Map.of()).build());
        String execution = run(owner, id, Map.of()).json().path("id").asString();
        awaitStatus(owner, execution, "succeeded");

        JsonNode succeeded = api.get("/api/executions?workflowId=" + id + "&status=succeeded").token(owner.accessToken()).send().json();
        JsonNode failed = api.get("/api/executions?workflowId=" + id + "&status=failed").token(owner.accessToken()).send().json();
        Response invalid = api.get("/api/executions?status=exploded").token(owner.accessToken()).send();
        Response stranger = api.get("/api/executions/" + execution).token(newUser("Nosy").accessToken()).send();

        assertThat(succeeded.path("items").valueStream().map(e -> e.path("id").asString()).toList()).containsExactly(execution);
        assertThat(failed.path("totalItems").asInt()).isZero();
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(stranger.status()).isEqualTo(404);
    }

    @Test
    void aWebhookRunsTheActiveVersionAndAnswersWithTheRespondNode() {
        Session owner = newUser("Hooker");
        String id = workflow(owner, definition()
                .node("hook", "webhook-trigger", Map.of("method", "POST", "responseMode", "respond-node"))
                .node("reply", "respond-to-webhook", Map.of("status", 201, "body", Map.of("ok", true),
                        "headers", Map.of("Cache-Control", "max-age=60", "X-Served-By", "nex7")))
                .edge("hook", "reply")
                .build());
        JsonNode workflow = api.get("/api/workflows/" + id).token(owner.accessToken()).send().json();
        String path = workflow.path("webhookPath").asString();

        Response beforeActivation = api.post(path).json(Map.of("n", 0)).send();
        api.post("/api/workflows/" + id + "/versions").token(owner.accessToken()).send();
        api.put("/api/workflows/" + id + "/activation").token(owner.accessToken()).json(Api.map("version", 1)).send();
        Response answered = api.post(path).json(Map.of("n", 0, "msg", "hello", "id", "abc123")).send();
        Response wrongMethod = api.put(path).json(Map.of()).send();
        Response unknown = api.post("/webhook/not-a-real-token").json(Map.of()).send();
        Response notAnAddress = api.post(path + "/extra").json(Map.of()).send();
        Response notJson = api.post(path).raw("application/json", "{\"n\": ").send();
        Response tooLarge = api.post(path).raw("application/json", "{\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}").send();

        assertThat(beforeActivation.status()).isEqualTo(404);
        assertThat(answered.status()).isEqualTo(201);
        assertThat(answered.json().path("ok").asBoolean()).isTrue();
        // the respond node's headers are sent, replacing a security header of the same name; the others stay
        assertThat(answered.header("X-Served-By")).isEqualTo("nex7");
        assertThat(answered.headerValues("Cache-Control")).containsExactly("max-age=60");
        assertThat(answered.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answered.header("X-Request-Id")).isNotBlank();
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrongMethod.json().path("type").asString()).endsWith("/webhook-method");
        assertThat(wrongMethod.json().path("requestId").asString()).isEqualTo(wrongMethod.header("X-Request-Id"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Cache-Control")).contains("no-store");
        assertThat(notAnAddress.status()).isEqualTo(401); // not a webhook address: the security chain guards it like any other
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("errors").get(0).path("field").asString()).isEqualTo("body");
        assertThat(tooLarge.status()).isEqualTo(413);
        JsonNode list = api.get("/api/executions?workflowId=" + id).token(owner.accessToken()).send().json();
        String execution = list.path("items").get(0).path("id").asString();
        JsonNode detail = awaitStatus(owner, execution, "succeeded");
        assertThat(node(detail, "hook").path("output").path("main").path("body").path("msg").asString()).isEqualTo("hello");
        assertThat(detail.path("execution").path("mode").asString()).isEqualTo("webhook");
        assertThat(List.of(list.path("totalItems").asInt())).containsExactly(1);
    }

    @Test
    void aWorkflowOfPureNodesIsRecordedFinishedBeforeItsWebhookAnswersAndOneThatWaitsIsNot() {
        Session owner = newUser("Pure");
        String pure = workflow(owner, definition()
                .node("hook", "webhook-trigger", Map.of("method", "POST"))
                .node("count", "set", Map.of("fields", List.of(Map.of("name", "n", "value", "{{ body.n + 1 }}"))))
                .node("route", "if", Map.of("condition", "{{ n > 100 }}"))
                .edge("hook", "count").edge("count", "route")
                .build());
        String waits = workflow(owner, definition()
                .node("hook", "webhook-trigger", Map.of("method", "POST"))
                .node("slow", "wait", Map.of("amount", 1, "unit", "days"))
                .edge("hook", "slow")
                .build());
        String[] paths = new String[2];
        List<String> ids = List.of(pure, waits);
        for (int i = 0; i < 2; i++) {
            paths[i] = api.get("/api/workflows/" + ids.get(i)).token(owner.accessToken()).send().json().path("webhookPath").asString();
            api.post("/api/workflows/" + ids.get(i) + "/versions").token(owner.accessToken()).send();
            api.put("/api/workflows/" + ids.get(i) + "/activation").token(owner.accessToken()).json(Api.map("version", 1)).send();
        }

        Response accepted = api.post(paths[0]).json(Map.of("n", 41)).send();
        Response waiting = api.post(paths[1]).json(Map.of("n", 1)).send();

        assertThat(accepted.status()).isEqualTo(202);
        // read at once, no waiting: the record was committed, finished and with every node run, before the answer
        JsonNode done = api.get("/api/executions/" + accepted.json().path("executionId").asString()).token(owner.accessToken()).send().json();
        assertThat(done.path("execution").path("status").asString()).isEqualTo("succeeded");
        assertThat(done.path("execution").path("finishedAt").isNull()).isFalse();
        assertThat(node(done, "count").path("output").path("main").path("n").asLong()).isEqualTo(42);
        assertThat(node(done, "route").path("status").asString()).isEqualTo("succeeded");
        assertThat(node(done, "hook").path("status").asString()).isEqualTo("succeeded");
        // a workflow with a node that waits (or calls out) is stored first and runs after the answer, as before
        assertThat(waiting.status()).isEqualTo(202);
        awaitStatus(owner, waiting.json().path("executionId").asString(), "waiting");
    }

    @Test
    void aWebhookAnswersAt202WithTheExecutionIdAndPassesMethodQueryAndTextBodiesOn() {
        Session owner = newUser("Texter");
        String id = workflow(owner, definition()
                .node("hook", "webhook-trigger", Map.of("method", "ANY"))
                .build());
        String path = api.get("/api/workflows/" + id).token(owner.accessToken()).send().json().path("webhookPath").asString();
        api.post("/api/workflows/" + id + "/versions").token(owner.accessToken()).send();
        api.put("/api/workflows/" + id + "/activation").token(owner.accessToken()).json(Api.map("version", 1)).send();

        Response accepted = api.patch(path + "?tag=a&tag=b&one=1").raw("text/plain", "plain words").header("Authorization", "Bearer x")
                .send();

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.header("Content-Type")).startsWith("application/json");
        String execution = accepted.json().path("executionId").asString();
        JsonNode output = node(awaitStatus(owner, execution, "succeeded"), "hook").path("output").path("main");
        assertThat(output.path("method").asString()).isEqualTo("PATCH");
        assertThat(output.path("body").asString()).isEqualTo("plain words");
        assertThat(output.path("query").path("one").asString()).isEqualTo("1");
        assertThat(output.path("query").path("tag").valueStream().map(JsonNode::asString).toList()).containsExactly("a", "b");
        assertThat(output.path("headers").has("authorization")).isFalse();
        assertThat(output.path("headers").path("content-type").asString()).startsWith("text/plain");
    }
}
