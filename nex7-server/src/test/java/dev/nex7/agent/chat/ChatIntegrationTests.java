package dev.nex7.agent.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;


import dev.nex7.agent.FakeModelIntegrationTest;
import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentStatus;
import dev.nex7.deployment.Deployments;
import dev.nex7.deployment.NewDeployment;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.workflow.WorkflowFixtures;
import tools.jackson.databind.JsonNode;

/**
 * The agents' turns end to end: the chat API streams server-sent events while the real model gateway
 * talks to a fake Anthropic (WireMock speaking the Messages API's SSE), with routing, handoffs,
 * consultations, tools with confirmation and the rolling summary.
 */
class ChatIntegrationTests extends FakeModelIntegrationTest {

    @Autowired
    Deployments deployments;

    @Test
    void anAnswerStreamsAsDeltasAndIsStoredWithItsUsage() {
        Session person = newUser("chat-stream");
        String conversation = conversation(person, null, null);
        script(text("Hello! ", "I am Nexy."));

        List<Event> events = say(person, conversation, "hi there");

        assertThat(names(events)).containsExactly("message", "message", "delta", "delta", "message", "done");
        assertThat(events.get(0).data().path("role").asString()).isEqualTo("user");
        assertThat(events.get(1).data().path("status").asString()).isEqualTo("streaming");
        assertThat(events.get(2).data().path("text").asString()).isEqualTo("Hello! ");
        JsonNode answer = events.get(4).data();
        assertThat(answer.path("status").asString()).isEqualTo("complete");
        assertThat(answer.path("text").asString()).isEqualTo("Hello! I am Nexy.");
        assertThat(answer.path("usage").path("outputTokens").asLong()).isEqualTo(12);
        assertThat(answer.path("usage").path("provider").asString()).isEqualTo("anthropic");
        assertThat(events.getLast().data().path("status").asString()).isEqualTo("complete");
        JsonNode stored = api.get("/api/conversations/" + conversation + "/messages").token(person.accessToken()).send().json();
        assertThat(stored.valueStream().map(m -> m.path("text").asString()).toList()).containsExactly("hi there", "Hello! I am Nexy.");
        JsonNode request = requests().getFirst();
        assertThat(request.path("system").toString()).contains("You are Nexy");
        assertThat(request.path("messages").get(0).path("content").toString()).contains("hi there");
    }

    @Test
    void mentioningAnAgentLetsItAnswerAndStayTheConversationsAgent() {
        Session person = newUser("chat-mention");
        String conversation = conversation(person, null, null);
        script(text("Dev here."));

        List<Event> events = say(person, conversation, "@dev why is my build slow?");

        assertThat(events.getFirst().name()).isEqualTo("agent");
        assertThat(events.getFirst().data().path("agentId").asString()).isEqualTo("dev");
        assertThat(events.getLast().data().path("currentAgentId").asString()).isEqualTo("dev");
        assertThat(requests().getFirst().path("system").toString()).contains("You are Dev");
    }

    @Test
    void nexyHandsOffToTheDebuggerWhoAnswersWithTheSummary() {
        Session person = newUser("chat-handoff");
        String conversation = conversation(person, null, null);
        script(toolUse("toolu_01", "agents_handoff", Map.of("agent", "debugger", "summary", "Their deploy fails with exit code 1.")),
                text("Let's look at the failing deploy."));

        List<Event> events = say(person, conversation, "my deploy keeps failing");

        JsonNode handoff = events.stream().filter(e -> e.name().equals("message") && e.data().path("kind").asString().equals("handoff"))
                .findFirst().orElseThrow().data();
        assertThat(handoff.path("agentId").asString()).isEqualTo("nexy");
        assertThat(handoff.path("targetAgentId").asString()).isEqualTo("debugger");
        assertThat(handoff.path("text").asString()).isEqualTo("Their deploy fails with exit code 1.");
        assertThat(events.stream().filter(e -> e.name().equals("agent")).map(e -> e.data().path("agentId").asString())).containsExactly("debugger");
        JsonNode last = events.stream().filter(e -> e.name().equals("message")).reduce((a, b) -> b).orElseThrow().data();
        assertThat(last.path("agentId").asString()).isEqualTo("debugger");
        assertThat(last.path("text").asString()).isEqualTo("Let's look at the failing deploy.");
        List<JsonNode> requests = requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).path("tools").toString()).contains("agents_handoff");
        assertThat(requests.get(1).path("system").toString()).contains("You are Debugger");
        assertThat(requests.get(1).path("messages").toString()).contains("Nexy handed the conversation to Debugger: Their deploy fails");
        JsonNode conversationNow = api.get("/api/conversations/" + conversation).token(person.accessToken()).send().json();
        assertThat(conversationNow.path("currentAgentId").asString()).isEqualTo("debugger");
    }

    @Test
    void aConsultationIsStoredUnderItsMessageAndTheConsultedAgentCannotConsultFurther() {
        Session person = newUser("chat-consult");
        String conversation = conversation(person, null, "dev");
        script(toolUse("toolu_c1", "agents_consult", Map.of("agent", "designer", "question", "Which colour for errors?")),
                text("Use red-600 with an icon."),
                text("Designer says red-600 with an icon."));

        List<Event> events = say(person, conversation, "how should errors look?");

        JsonNode consultation = events.stream().filter(e -> e.data().path("kind").asString().equals("consultation")).findFirst().orElseThrow().data();
        assertThat(consultation.path("targetAgentId").asString()).isEqualTo("designer");
        String consultationId = consultation.path("id").asString();
        JsonNode stored = api.get("/api/conversations/" + conversation + "/messages").token(person.accessToken()).send().json();
        List<JsonNode> inner = stored.valueStream().filter(m -> consultationId.equals(m.path("parentId").asString(null))).toList();
        assertThat(inner).extracting(m -> m.path("text").asString()).containsExactly("Which colour for errors?", "Use red-600 with an icon.");
        JsonNode toolResult = stored.valueStream().filter(m -> m.path("kind").asString().equals("tool-result")).findFirst().orElseThrow();
        assertThat(toolResult.path("text").asString()).contains("red-600");
        List<JsonNode> requests = requests();
        assertThat(requests.get(1).path("system").toString()).contains("You are Designer").contains("consultation");
        assertThat(requests.get(1).path("tools").isMissingNode() || requests.get(1).path("tools").isEmpty())
                .as("depth 1: the consulted agent gets no consult tool").isTrue();
        assertThat(requests.get(2).path("messages").toString()).contains("toolu_c1").contains("red-600");
    }

    @Test
    void aToolThatChangesSomethingWaitsForThePersonsConfirmation() {
        Session person = newUser("chat-confirm");
        String project = project(person);
        String workflow = publishedDoubler(person, project);
        String conversation = conversation(person, project, "dev");
        script(toolUse("toolu_w1", "workflows_run", Map.of("workflowId", workflow, "input", Map.of("a", 21))),
                text("It returned 42."));

        List<Event> first = say(person, conversation, "double 21 with my workflow");

        Event confirm = first.stream().filter(e -> e.name().equals("confirm")).findFirst().orElseThrow();
        assertThat(confirm.data().path("tool").asString()).isEqualTo("workflows.run");
        assertThat(confirm.data().path("description").asString()).contains(workflow);
        assertThat(first.getLast().data().path("status").asString()).isEqualTo("awaiting-confirmation");
        assertThat(api.get("/api/executions?workflowId=" + workflow).token(person.accessToken()).send().json().path("totalItems").asInt())
                .as("nothing ran before the confirmation").isZero();
        JsonNode state = api.get("/api/conversations/" + conversation + "/turn").token(person.accessToken()).send().json();
        assertThat(state.path("running").asBoolean()).isFalse();
        assertThat(state.path("waiting").get(0).path("toolUseId").asString()).as("a reloaded page finds the question again").isEqualTo("toolu_w1");

        List<Event> rest = events(api.post("/api/conversations/" + conversation + "/confirmations/toolu_w1").token(person.accessToken())
                .json(Api.map("approve", true)).send());

        JsonNode result = rest.stream().filter(e -> e.data().path("kind").asString().equals("tool-result")).findFirst().orElseThrow().data();
        assertThat(result.path("text").asString()).contains("\"doubled\":42").contains("succeeded");
        assertThat(rest.getLast().data().path("status").asString()).isEqualTo("complete");
        JsonNode executions = api.get("/api/executions?workflowId=" + workflow).token(person.accessToken()).send().json();
        assertThat(executions.path("items").get(0).path("mode").asString()).isEqualTo("agent");
        assertThat(requests().get(1).path("messages").toString()).contains("toolu_w1").contains("doubled");
        // The decision is taken once.
        assertThat(api.post("/api/conversations/" + conversation + "/confirmations/toolu_w1").token(person.accessToken())
                .json(Api.map("approve", true)).send().status()).isEqualTo(409);
    }

    @Test
    void theDebuggerAnalysesAPastedLogWithTheLogAnalyzers() {
        Session person = newUser("chat-log");
        String conversation = conversation(person, null, "debugger");
        String log = "src/app/page.tsx(12,7): error TS2322: Type 'string' is not assignable to type 'number'.";
        script(toolUse("toolu_l1", "snippet_analyse", Map.of("text", log)), text("Line 12 assigns a string to a number."));

        List<Event> events = say(person, conversation, "why does this fail? " + log);

        JsonNode result = events.stream().filter(e -> e.data().path("kind").asString().equals("tool-result")).findFirst().orElseThrow().data();
        assertThat(result.path("text").asString()).contains("type-error").contains("src/app/page.tsx").contains("TS2322");
        assertThat(requests().getFirst().path("tools").toString()).contains("snippet_analyse");
        assertThat(requests().get(1).path("messages").toString()).contains("toolu_l1").contains("TS2322");
    }

    @Test
    void theDebuggerReadsTheProjectsDeploymentsTheirFindingsAndItsRepositoryFiles(@TempDir Path directory) throws Exception {
        Session owner = newUser("chat-deployments");
        String project = project(owner);
        Path repository = directory.resolve("shop");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(repository.toFile()).call()) {
            Files.createDirectories(repository.resolve("src"));
            Files.writeString(repository.resolve("src/index.ts"), "const guests: number = \"3\";\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Guests").setAuthor("Dana", "dana@shop.test").setCommitter("Dana", "dana@shop.test").call();
        }
        api.put("/api/projects/" + project + "/local-target").token(owner.accessToken()).json(Api.map("repository", repository.toString(),
                "buildCommand", "npm run build", "watch", false)).send();
        Deployment failed = deployments.record(new NewDeployment(new ProjectId(UUID.fromString(project)), Deployment.LOCAL, null, "push", null,
                "f".repeat(40), "Guests", "main", null), DeploymentStatus.BUILDING);
        deployments.finish(failed.id(), DeploymentStatus.ERROR, null,
                "$ npm run build\nsrc/index.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.\n");
        String conversation = conversation(owner, project, "debugger");
        // (this context's history budget is small: a long tool result makes the turn fold its history into a summary,
        // which takes one model answer; the script has one to spare)
        script(toolUse("toolu_d1", "repo_read", Map.of("path", "src/index.ts")),
                toolUse("toolu_d2", "repo_read", Map.of("path", "../../etc/passwd")),
                toolUse("toolu_d3", "deployments_list", Map.of()),
                toolUse("toolu_d4", "deployments_logs", Map.of("deploymentId", failed.id().toString())),
                text("A summary."), text("guests is a number; the literal is a string."), text("Spare."));

        List<Event> events = say(owner, conversation, "why did my last deployment fail?");

        Map<String, String> results = new java.util.HashMap<>();
        events.stream().filter(e -> e.name().equals("message") && e.data().path("kind").asString().equals("tool-result"))
                .forEach(e -> results.put(e.data().path("content").get(0).path("toolUseId").asString(), e.data().path("text").asString()));
        assertThat(results.get("toolu_d1")).as(events.toString()).contains("const guests: number = \"3\";");
        assertThat(results.get("toolu_d2")).contains("relative to the repository root").doesNotContain("root:x:0:0");
        assertThat(results.get("toolu_d3")).contains(failed.id().toString()).contains("type-error").contains("not assignable");
        assertThat(results.get("toolu_d4")).contains("TS2322").contains("src/index.ts").contains("npm run build");
        assertThat(requests().getFirst().path("tools").toString()).contains("deployments_list").contains("deployments_logs").contains("repo_read");
    }

    @Test
    void olderMessagesAreFoldedIntoASummaryWhenTheHistoryOutgrowsItsBudget() {
        Session person = newUser("chat-summary");
        String conversation = conversation(person, null, null);
        String longText = "Our checkout service is written in Kotlin and deployed on Vercel. ".repeat(40);
        script(text("Noted."), text("The person runs a Kotlin checkout on Vercel."), text("Still here."));

        say(person, conversation, longText);
        say(person, conversation, "what do you remember?");

        JsonNode summary = api.get("/api/conversations/" + conversation + "/summary").token(person.accessToken()).send().json();
        assertThat(summary.path("text").asString()).isEqualTo("The person runs a Kotlin checkout on Vercel.");
        List<JsonNode> requests = requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(1).path("messages").toString()).contains("Our checkout service is written in Kotlin");
        assertThat(requests.get(2).path("system").toString()).contains("Summary of the earlier conversation")
                .contains("The person runs a Kotlin checkout on Vercel.");
        assertThat(requests.get(2).path("messages").toString()).doesNotContain("Our checkout service is written");
    }

    @Test
    void whenTheProviderFailsThePersonIsToldWhyAndNothingLoops() {
        Session person = newUser("chat-failure");
        String conversation = conversation(person, null, null);
        anthropic.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(529).withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));

        List<Event> events = say(person, conversation, "hello?");

        JsonNode error = events.stream().filter(e -> e.data().path("kind").asString().equals("error")).findFirst().orElseThrow().data();
        assertThat(error.path("text").asString()).containsIgnoringCase("anthropic");
        assertThat(events.getLast().data().path("status").asString()).isEqualTo("failed");
        assertThat(anthropic.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).hasSize(1);
    }

    @Test
    void stopEndsTheAnswerAndKeepsWhatWasWritten() throws Exception {
        Session person = newUser("chat-stop");
        String conversation = conversation(person, null, null);
        anthropic.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(text("A long ", "answer ", "that ", "takes ", "a ", "while ", "to ", "write.")).withChunkedDribbleDelay(40, 8000)));
        java.util.concurrent.CompletableFuture<List<Event>> turn = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> say(person, conversation, "tell me everything"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> api.get("/api/conversations/" + conversation
                + "/messages").token(person.accessToken()).send().json().valueStream().anyMatch(m -> m.path("status").asString().equals("streaming")));
        assertThat(api.post("/api/conversations/" + conversation + "/messages").token(person.accessToken())
                .json(Api.map("text", "and more")).send().status()).as("one turn at a time").isEqualTo(409);

        assertThat(api.post("/api/conversations/" + conversation + "/stop").token(person.accessToken()).send().status()).isEqualTo(202);

        List<Event> events = turn.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(events.getLast().data().path("status").asString()).isEqualTo("stopped");
        JsonNode answer = api.get("/api/conversations/" + conversation + "/messages").token(person.accessToken()).send().json().get(1);
        assertThat(answer.path("status").asString()).isEqualTo("stopped");
        assertThat("A long answer that takes a while to write.").startsWith(answer.path("text").asString());
    }

    @Test
    void onlyThePersonTalksInTheirConversationAndOneTurnRunsAtATime() {
        Session person = newUser("chat-owner");
        Session stranger = newUser("chat-stranger");
        String conversation = conversation(person, null, null);

        assertThat(api.post("/api/conversations/" + conversation + "/messages").token(stranger.accessToken())
                .json(Api.map("text", "hi")).send().status()).isEqualTo(404);
        assertThat(api.post("/api/conversations/" + conversation + "/messages").token(person.accessToken())
                .json(Api.map("text", " ")).send().status()).isEqualTo(400);
        assertThat(api.post("/api/conversations/" + conversation + "/stop").token(person.accessToken()).send().status()).isEqualTo(409);
        assertThat(api.post("/api/conversations/" + conversation + "/retry").token(person.accessToken()).send().status()).isEqualTo(409);
    }

    // --- the chat API ---

    record Event(String name, JsonNode data) {
    }

    private List<Event> say(Session person, String conversation, String text) {
        return events(api.post("/api/conversations/" + conversation + "/messages").token(person.accessToken())
                .header("Accept", "text/event-stream").json(Api.map("text", text)).send());
    }

    private static List<Event> events(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<Event> events = new ArrayList<>();
        for (String block : response.text().replace("\r\n", "\n").split("\n\n")) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
            if (name != null) {
                events.add(new Event(name, JSON.readTree(data.toString())));
            }
        }
        return events;
    }

    private static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }

    private String conversation(Session person, String project, String agent) {
        Response created = api.post("/api/conversations").token(person.accessToken())
                .json(project == null && agent == null ? Map.of() : agent == null ? Map.of("projectId", project)
                        : project == null ? Map.of("agentId", agent) : Map.of("projectId", project, "agentId", agent)).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private String project(Session owner) {
        return api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "Chatty", "type", "api")).send().json().path("id").asString();
    }

    private String publishedDoubler(Session owner, String project) {
        Map<String, Object> definition = WorkflowFixtures.definition()
                .node("start", "manual-trigger", Map.of())
                .node("set", "set", Map.of("fields", List.of(Map.of("name", "doubled", "value", "{{ a * 2 }}"))))
                .edge("start", "set").build();
        String workflow = api.post("/api/projects/" + project + "/workflows").token(owner.accessToken())
                .json(Api.map("name", "Doubler", "definition", definition)).send().json().path("id").asString();
        int version = api.post("/api/workflows/" + workflow + "/versions").token(owner.accessToken()).send().json().path("version").asInt();
        api.put("/api/workflows/" + workflow + "/activation").token(owner.accessToken()).json(Api.map("version", version)).send();
        return workflow;
    }
}
