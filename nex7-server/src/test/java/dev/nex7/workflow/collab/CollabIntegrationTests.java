package dev.nex7.workflow.collab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;
import dev.nex7.workflow.WorkflowId;
import tools.jackson.databind.JsonNode;

/**
 * The collaboration WebSocket end to end: real WebSockets against the running server, each client a
 * real Yjs document (in QuickJS), the update log in PostgreSQL.
 */
class CollabIntegrationTests extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    DraftRooms rooms;
    @Autowired
    DraftDocuments documents;
    @Autowired
    UpdateLog updateLog;

    private final List<YClient> clients = new java.util.ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(YClient::close);
    }

    @Test
    void editorsEditingAtOnceKeepEveryEditInTheDraftAndAtEveryClientAndALateJoinerGetsItAll() {
        // Including two different parameters of the same node: parameters are a map of their own in the document.
        Session owner = newUser("Ada");
        Session editor = newUser("Grace");
        String workflow = workflow(owner, List.of(node("a", 0), node("b", 100)));
        addMember(owner, workflow, editor, "editor");

        YClient first = connected(owner, workflow, 1001);
        YClient second = connected(editor, workflow, 1002);
        awaitClient(first, definition -> nodeIds(definition).equals(List.of("a", "b")));
        awaitClient(second, definition -> nodeIds(definition).equals(List.of("a", "b")));

        // Both edits are made from the same state, before either sees the other's: truly concurrent.
        byte[] onA = first.prepare(setParameter("a", "url", "https://example.com"), setField("b", "name", "Renamed by Ada"));
        byte[] onB = second.prepare(setParameter("a", "method", "PUT"), setField("b", "position", Map.of("x", 5, "y", 6)), add("c", 200));
        first.commit(onA);
        second.commit(onB);

        Predicate<JsonNode> both = definition -> nodeIds(definition).equals(List.of("a", "b", "c"))
                && node(definition, "a").path("parameters").path("url").asString().equals("https://example.com")
                && node(definition, "a").path("parameters").path("method").asString().equals("PUT")
                && node(definition, "b").path("name").asString().equals("Renamed by Ada")
                && node(definition, "b").path("position").path("x").asInt() == 5;
        awaitClient(first, both);
        awaitClient(second, both);
        awaitDraft(owner, workflow, both);
        assertThat(draft(owner, workflow).path("updatedBy").asString()).isIn(owner.id().toString(), editor.id().toString());

        YClient late = connected(editor, workflow, 1003);
        awaitClient(late, both);
    }

    @Test
    void aFlushMakesTheDraftHoldTheCallersEditsAtOnceAndOnlyEditorsMayFlush() {
        Session owner = newUser("Ada");
        Session viewer = newUser("Vic");
        String workflow = workflow(owner, List.of(node("a", 0)));
        addMember(owner, workflow, viewer, "viewer");
        YClient editor = connected(owner, workflow, 1101);
        awaitClient(editor, definition -> nodeIds(definition).equals(List.of("a")));

        editor.edit(add("flushed", 100), setField("a", "name", "Renamed"));
        Response flushed = api.post("/api/workflows/" + workflow + "/collab/flush").token(owner.accessToken())
                .json(Map.of("stateVector", editor.stateVector())).send();
        JsonNode draftRightAfter = draft(owner, workflow);
        Response byViewer = api.post("/api/workflows/" + workflow + "/collab/flush").token(viewer.accessToken())
                .json(Map.of("stateVector", editor.stateVector())).send();
        Response garbage = api.post("/api/workflows/" + workflow + "/collab/flush").token(owner.accessToken())
                .json(Map.of("stateVector", "!!not base64!!")).send();
        // A state the server never saw (another client's edits that never arrived) cannot be flushed.
        YClient offline = new YClient(1102);
        clients.add(offline);
        offline.edit(add("never-sent", 0));
        Response unknown = api.post("/api/workflows/" + workflow + "/collab/flush").token(owner.accessToken())
                .json(Map.of("stateVector", offline.stateVector())).send();

        assertThat(flushed.status()).as(flushed.text()).isEqualTo(204);
        assertThat(nodeIds(draftRightAfter.path("draft"))).containsExactly("a", "flushed");
        assertThat(node(draftRightAfter.path("draft"), "a").path("name").asString()).isEqualTo("Renamed");
        assertThat(byViewer.status()).isEqualTo(403);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(409);
        assertThat(unknown.json().path("type").asString()).endsWith("collab-edits-not-arrived");
    }

    @Test
    void reopeningAWorkflowEveryoneLeftGivesTheWholeDocument() {
        Session owner = newUser("Ada");
        String workflow = workflow(owner, List.of());
        YClient first = connected(owner, workflow, 1201);
        first.edit(add("one", 0));
        first.edit(add("two", 100));
        first.edit(add("three", 200), setParameter("one", "url", "https://example.com"));
        awaitDraft(owner, workflow, definition -> nodeIds(definition).equals(List.of("one", "three", "two")));
        first.disconnect();

        YClient again = connected(owner, workflow, 1202);

        awaitClient(again, definition -> nodeIds(definition).equals(List.of("one", "three", "two"))
                && node(definition, "one").path("parameters").path("url").asString().equals("https://example.com"));
    }

    @Test
    void editsMadeOfflineMergeOnReconnect() {
        Session owner = newUser("Ada");
        Session editor = newUser("Grace");
        String workflow = workflow(owner, List.of(node("a", 0)));
        addMember(owner, workflow, editor, "editor");
        YClient traveller = connected(owner, workflow, 2001);
        YClient stayer = connected(editor, workflow, 2002);
        awaitClient(traveller, definition -> nodeIds(definition).equals(List.of("a")));
        awaitClient(stayer, definition -> nodeIds(definition).equals(List.of("a")));

        traveller.disconnect();
        traveller.edit(add("offline", 300), setField("a", "name", "Edited offline"));
        stayer.edit(add("online", 400));
        awaitDraft(owner, workflow, definition -> nodeIds(definition).contains("online"));

        traveller.connect(socketUri(workflow, ticket(owner, workflow)));
        Predicate<JsonNode> merged = definition -> nodeIds(definition).equals(List.of("a", "offline", "online"))
                && node(definition, "a").path("name").asString().equals("Edited offline");
        awaitClient(traveller, merged);
        awaitClient(stayer, merged);
        awaitDraft(owner, workflow, merged);
    }

    @Test
    void aViewersEditsAreRefusedAndChangeNothingWhileTheViewerStillReceivesEdits() {
        Session owner = newUser("Ada");
        Session viewer = newUser("Vera");
        String workflow = workflow(owner, List.of(node("a", 0)));
        addMember(owner, workflow, viewer, "viewer");
        YClient editing = connected(owner, workflow, 3001);
        YClient watching = connected(viewer, workflow, 3002);
        awaitClient(watching, definition -> nodeIds(definition).equals(List.of("a")));
        long logRows = updateLog.size(new WorkflowId(UUID.fromString(workflow)))[0];

        watching.edit(add("intruder", 10));
        await().atMost(PATIENCE).until(() -> !watching.denied().isEmpty());
        assertThat(watching.denied().getFirst()).contains("viewer");

        editing.edit(add("legit", 20));
        awaitClient(watching, definition -> nodeIds(definition).contains("legit"));
        awaitDraft(owner, workflow, definition -> nodeIds(definition).contains("legit"));
        assertThat(nodeIds(draft(owner, workflow).path("draft"))).containsExactly("a", "legit");
        assertThat(nodeIds(editing.definition())).containsExactly("a", "legit");
        assertThat(updateLog.size(new WorkflowId(UUID.fromString(workflow)))[0]).isEqualTo(logRows + 1);
    }

    @Test
    void aHandshakeWithoutAValidTicketForTheWorkflowIsRefused() {
        Session owner = newUser("Ada");
        Session outsider = newUser("Otto");
        Session member = newUser("Mia");
        String workflow = workflow(owner, List.of(node("a", 0)));
        String other = workflow(owner, List.of(node("b", 0)));
        addMember(owner, workflow, member, "editor");

        assertThat(refusal(URI.create(wsBase() + "/api/collab/workflows/" + workflow))).isEqualTo(401);
        assertThat(refusal(socketUri(workflow, "forged"))).isEqualTo(401);
        assertThat(refusal(socketUri(workflow, ticket(owner, other)))).isEqualTo(403);
        assertThat(api.post("/api/workflows/" + workflow + "/collab/tickets").token(outsider.accessToken()).send().status())
                .isEqualTo(404);
        assertThat(api.post("/api/workflows/" + workflow + "/collab/tickets").send().status()).isEqualTo(401);

        String expiring = ticket(owner, workflow);
        clock.advance(Duration.ofSeconds(61));
        assertThat(refusal(socketUri(workflow, expiring))).isEqualTo(401);
        clock.reset();

        String removedMembersTicket = ticket(member, workflow);
        String project = draft(owner, workflow).path("projectId").asString();
        assertThat(api.delete("/api/projects/" + project + "/members/" + member.id()).token(owner.accessToken()).send().status())
                .isEqualTo(204);
        assertThat(refusal(socketUri(workflow, removedMembersTicket))).isEqualTo(403);
    }

    @Test
    void compactionKeepsTheDraftAndShrinksTheLog() {
        Session owner = newUser("Ada");
        String workflow = workflow(owner, List.of(node("a", 0)));
        WorkflowId id = new WorkflowId(UUID.fromString(workflow));
        YClient client = connected(owner, workflow, 4001);
        awaitClient(client, definition -> nodeIds(definition).equals(List.of("a")));
        for (int i = 0; i < 6; i++) {
            client.edit(setField("a", "name", "Name " + i), add("n" + i, i));
        }
        client.edit(java.util.Map.of("deleteNode", "n0"));
        awaitDraft(owner, workflow, definition -> nodeIds(definition).contains("n5") && !nodeIds(definition).contains("n0"));
        DraftRoom room = rooms.room(id).orElseThrow();
        JsonNode before = draft(owner, workflow).path("draft");
        long[] sizeBefore = updateLog.size(id);

        documents.compactNow(room);

        long[] sizeAfter = updateLog.size(id);
        assertThat(sizeBefore[0]).isEqualTo(8);
        assertThat(sizeAfter[0]).isEqualTo(1);
        assertThat(sizeAfter[1]).isLessThan(sizeBefore[1]);
        assertThat(DraftDocuments.sameContent(documents.derived(room), codecDefinition(before))).isTrue();
        JsonNode fromLog = YClient.RUNTIME.call("toDefinition",
                java.util.Base64.getEncoder().encodeToString(updateLog.read(id).getFirst().content())).path("value");
        assertThat(DraftDocuments.sameContent(codecDefinition(fromLog), codecDefinition(before))).isTrue();
        YClient late = connected(owner, workflow, 4002);
        awaitClient(late, definition -> definition.path("nodes").equals(client.definition().path("nodes")));
        client.edit(add("after", 9));
        awaitDraft(owner, workflow, definition -> nodeIds(definition).contains("after"));
    }

    @Test
    void aDraftSavedThroughTheApiReachesConnectedClientsWithoutAnEcho() {
        Session owner = newUser("Ada");
        String workflow = workflow(owner, List.of(node("a", 0)));
        YClient client = connected(owner, workflow, 5001);
        awaitClient(client, definition -> nodeIds(definition).equals(List.of("a")));

        Response current = api.get("/api/workflows/" + workflow).token(owner.accessToken()).send();
        Response saved = api.put("/api/workflows/" + workflow + "/draft").token(owner.accessToken())
                .header("If-Match", current.header("ETag"))
                .json(Api.map("definition", Map.of("nodes", List.of(node("a", 0), node("rest", 50)), "edges", List.of(),
                        "notes", List.of())))
                .send();
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        long restRevision = saved.json().path("draftRevision").asLong();
        awaitClient(client, definition -> nodeIds(definition).equals(List.of("a", "rest")));

        // The API's save came back to the document once, and the document did not save it again:
        // the next save is the client's edit, one revision later.
        client.edit(setField("rest", "name", "Edited live"));
        awaitDraft(owner, workflow, definition -> node(definition, "rest").path("name").asString().equals("Edited live"));
        assertThat(draft(owner, workflow).path("draftRevision").asLong()).isEqualTo(restRevision + 1);
    }

    @Test
    void presenceIsRelayedAndRemovedWhenAConnectionCloses() {
        Session owner = newUser("Ada");
        Session viewer = newUser("Vera");
        String workflow = workflow(owner, List.of(node("a", 0)));
        addMember(owner, workflow, viewer, "viewer");
        YClient watching = connected(viewer, workflow, 6001);
        watching.sendRaw(YMessages.awareness(YMessages.encodeAwareness(List.of(
                new YMessages.Presence(6001, 1, "{\"user\":{\"name\":\"Vera\"}}")))));
        YClient editing = connected(owner, workflow, 6002);
        await().atMost(PATIENCE).until(() -> editing.presences().containsKey(6001L));
        assertThat(editing.presences().get(6001L)).contains("Vera");

        editing.sendRaw(YMessages.awareness(YMessages.encodeAwareness(List.of(
                new YMessages.Presence(6002, 1, "{\"user\":{\"name\":\"Ada\"},\"cursor\":{\"x\":1,\"y\":2}}")))));
        await().atMost(PATIENCE).until(() -> watching.presences().containsKey(6002L));

        watching.disconnect();
        await().atMost(PATIENCE).until(() -> !editing.presences().containsKey(6001L));
    }

    @Test
    void aMessageOverTheSizeLimitClosesTheSocketWithAClearReason() {
        Session owner = newUser("Ada");
        String workflow = workflow(owner, List.of(node("a", 0)));
        YClient client = connected(owner, workflow, 7001);
        byte[] huge = new byte[(int) CollabSettings.defaults().maxMessageSize().toBytes() + 1];
        client.sendRaw(huge);
        String closed = client.closed().join();
        assertThat(closed).startsWith("1009").contains("Message too large");
    }

    // --- helpers ---

    private YClient connected(Session user, String workflow, long clientId) {
        YClient client = new YClient(clientId);
        clients.add(client);
        client.connect(socketUri(workflow, ticket(user, workflow)));
        await().atMost(PATIENCE).until(client::synced);
        return client;
    }

    private String ticket(Session user, String workflow) {
        Response issued = api.post("/api/workflows/" + workflow + "/collab/tickets").token(user.accessToken()).send();
        assertThat(issued.status()).as(issued.text()).isEqualTo(200);
        assertThat(issued.json().path("path").asString()).isEqualTo("/api/collab/workflows/" + workflow);
        return issued.json().path("ticket").asString();
    }

    private String wsBase() {
        return "ws://localhost:" + port;
    }

    private URI socketUri(String workflow, String ticket) {
        return URI.create(wsBase() + "/api/collab/workflows/" + workflow + "?ticket=" + ticket);
    }

    private static int refusal(URI uri) {
        try (YClient client = new YClient(1)) {
            client.connect(uri);
            throw new AssertionError("The handshake was accepted");
        } catch (CompletionException refused) {
            return ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
        }
    }

    private String workflow(Session owner, List<Map<String, Object>> nodes) {
        String project = api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "Collab", "type", "api")).send()
                .json().path("id").asString();
        Response created = api.post("/api/projects/" + project + "/workflows").token(owner.accessToken())
                .json(Api.map("name", "Together", "definition", Map.of("nodes", nodes, "edges", List.of(), "notes", List.of())))
                .send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private void addMember(Session owner, String workflow, Session member, String role) {
        String project = draft(owner, workflow).path("projectId").asString();
        Response added = api.post("/api/projects/" + project + "/members").token(owner.accessToken())
                .json(Api.map("email", member.email(), "role", role)).send();
        assertThat(added.status()).as(added.text()).isIn(200, 201);
    }

    private JsonNode draft(Session user, String workflow) {
        return api.get("/api/workflows/" + workflow).token(user.accessToken()).send().json();
    }

    private void awaitDraft(Session user, String workflow, Predicate<JsonNode> condition) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> condition.test(draft(user, workflow).path("draft")));
    }

    private static void awaitClient(YClient client, Predicate<JsonNode> condition) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> condition.test(client.definition()));
    }

    private static dev.nex7.workflow.definition.WorkflowDefinition codecDefinition(JsonNode json) {
        return tools.jackson.databind.json.JsonMapper.builder().build().treeToValue(json,
                dev.nex7.workflow.definition.WorkflowDefinition.class);
    }

    private static List<String> nodeIds(JsonNode definition) {
        return definition.path("nodes").valueStream().map(node -> node.path("id").asString()).sorted().toList();
    }

    private static JsonNode node(JsonNode definition, String id) {
        return definition.path("nodes").valueStream().filter(node -> node.path("id").asString().equals(id)).findFirst()
                .orElseThrow();
    }

    private static Map<String, Object> node(String id, int x) {
        return Map.of("id", id, "type", "nex7.noop", "typeVersion", 1, "name", "Node " + id,
                "position", Map.of("x", x, "y", 0), "parameters", Map.of());
    }

    private static Map<String, Object> add(String id, int x) {
        return Map.of("setNode", node(id, x));
    }

    private static Map<String, Object> setField(String id, String key, Object value) {
        return Map.of("setField", Map.of("id", id, "key", key, "value", value));
    }

    /** Sets one parameter in the node's parameters map, as the editor does. */
    private static Map<String, Object> setParameter(String id, String key, Object value) {
        return Map.of("setParameter", Map.of("id", id, "key", key, "value", value));
    }
}
