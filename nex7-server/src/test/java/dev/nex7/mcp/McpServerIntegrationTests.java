package dev.nex7.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;
import dev.nex7.workflow.WorkflowFixtures;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.JsonNode;

/**
 * NEX7 as an MCP server, driven by the official MCP Java SDK's Streamable HTTP client: published
 * workflows are tools, calls run them, and tokens and roles are checked on every call.
 */
class McpServerIntegrationTests extends IntegrationTest {

    private static final Map<String, Object> DOUBLER_SCHEMA = Map.of("type", "object",
            "properties", Map.of("a", Map.of("type", "number", "description", "The number to double")), "required", List.of("a"));

    private McpSyncClient client;

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    @Test
    void anMcpClientListsAndCallsTheProjectsPublishedWorkflows() {
        Session owner = newUser("mcp-owner");
        String project = project(owner, "Numbers");
        String doubler = published(owner, project, "Double it!", doubler());
        String token = issue(owner, "/api/projects/" + project + "/mcp/tokens", "laptop");

        client = connect(token);
        McpSchema.InitializeResult initialized = client.initialize();
        assertThat(initialized.serverInfo().name()).isEqualTo("nex7");
        assertThat(initialized.protocolVersion()).isEqualTo("2025-11-25");
        assertThat(initialized.capabilities().tools()).isNotNull();

        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("double_it");
        assertThat(tools.getFirst().title()).isEqualTo("Double it!");
        assertThat(tools.getFirst().inputSchema()).isEqualTo(DOUBLER_SCHEMA);

        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("double_it", Map.of("a", 21)));
        assertThat(result.isError()).as(result.toString()).isFalse();
        assertThat(result.structuredContent()).isEqualTo(Map.of("a", 21, "doubled", 42));
        assertThat(((McpSchema.TextContent) result.content().getFirst()).text()).contains("\"doubled\":42");

        JsonNode executions = api.get("/api/executions?workflowId=" + doubler).token(owner.accessToken()).send().json();
        assertThat(executions.path("items").get(0).path("mode").asString()).isEqualTo("mcp");
        assertThat(executions.path("items").get(0).path("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void argumentsThatDoNotMatchTheSchemaAreAToolErrorAndStartNothing() {
        Session owner = newUser("mcp-schema");
        String project = project(owner, "Numbers");
        String doubler = published(owner, project, "Doubler", doubler());
        client = connect(issue(owner, "/api/mcp/tokens", "personal"));
        client.initialize();

        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("doubler", Map.of("a", "twenty")));

        assertThat(result.isError()).isTrue();
        assertThat(((McpSchema.TextContent) result.content().getFirst()).text()).contains("input schema").contains("/a");
        JsonNode executions = api.get("/api/executions?workflowId=" + doubler).token(owner.accessToken()).send().json();
        assertThat(executions.path("totalItems").asInt()).isZero();
    }

    @Test
    void aWorkflowThatFailsIsAToolErrorNamingTheExecution() {
        Session owner = newUser("mcp-fail");
        String project = project(owner, "Failing");
        published(owner, project, "Breaks", WorkflowFixtures.definition()
                .node("start", "manual-trigger", Map.of())
                .node("set", "set", Map.of("fields", List.of(Map.of("name", "x", "value", "{{ $error('no good') }}"))))
                .edge("start", "set").build());
        client = connect(issue(owner, "/api/mcp/tokens", "personal"));
        client.initialize();

        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("breaks", Map.of()));

        assertThat(result.isError()).isTrue();
        assertThat(((McpSchema.TextContent) result.content().getFirst()).text()).contains("failed").contains("no good")
                .contains("NEX7 execution");
    }

    @Test
    void onlyPublishedWorkflowsWithAManualTriggerAreTools() {
        Session owner = newUser("mcp-published");
        String project = project(owner, "Mixed");
        published(owner, project, "Published", doubler());
        workflow(owner, project, "Draft only", doubler());
        published(owner, project, "Webhook only", WorkflowFixtures.definition()
                .node("hook", "webhook-trigger", Map.of()).node("set", "set", Map.of("fields", List.of()))
                .edge("hook", "set").build());

        Response tools = api.get("/api/mcp/tools?projectId=" + project).token(owner.accessToken()).send();

        assertThat(tools.status()).isEqualTo(200);
        assertThat(tools.json().valueStream().map(tool -> tool.path("name").asString()).toList()).containsExactly("published");
    }

    @Test
    void aProjectTokenReachesItsProjectOnlyAndAPersonalTokenEveryProjectTheUserMayRun() {
        Session owner = newUser("mcp-scope");
        Session viewer = newUser("mcp-viewer");
        String first = project(owner, "First");
        String second = project(owner, "Second");
        published(owner, first, "Alpha", doubler());
        published(owner, second, "Beta", doubler());
        share(owner, second, viewer, "viewer");

        assertThat(toolNames(issue(owner, "/api/projects/" + first + "/mcp/tokens", "first"))).containsExactly("alpha");
        assertThat(toolNames(issue(owner, "/api/mcp/tokens", "mine"))).containsExactlyInAnyOrder("alpha", "beta");
        // Viewers may not run workflows, so a viewer's token lists nothing of that project.
        assertThat(toolNames(issue(viewer, "/api/mcp/tokens", "viewer's"))).isEmpty();
        // Only owners issue project tokens.
        assertThat(api.post("/api/projects/" + second + "/mcp/tokens").token(viewer.accessToken()).json(Api.map("name", "x")).send().status())
                .isIn(403, 404);
    }

    @Test
    void tokensAreCheckedOnEveryCall() {
        Session owner = newUser("mcp-tokens");
        String project = project(owner, "Tokens");
        published(owner, project, "Doubler", doubler());

        Response missing = rpc(null, "tools/list");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(missing.problemType()).isEqualTo("mcp-unauthorized");
        assertThat(rpc("nex7_mcp_not-a-real-token", "tools/list").status()).isEqualTo(401);
        assertThat(rpc(owner.accessToken(), "tools/list").status()).as("an access token is not an MCP token").isEqualTo(401);

        Response issued = api.post("/api/mcp/tokens").token(owner.accessToken()).json(Api.map("name", "short", "expiresInDays", 1)).send();
        assertThat(issued.status()).isEqualTo(201);
        String secret = issued.json().path("secret").asString();
        assertThat(secret).startsWith("nex7_mcp_");
        assertThat(rpc(secret, "tools/list").status()).isEqualTo(200);
        JsonNode listed = api.get("/api/mcp/tokens").token(owner.accessToken()).send().json();
        assertThat(listed.toString()).doesNotContain(secret).contains(issued.json().path("token").path("prefix").asString());
        assertThat(listed.get(0).path("lastUsedAt").isNull()).isFalse();

        clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(rpc(secret, "tools/list").status()).as("expired").isEqualTo(401);
        clock.reset();

        String revoked = issue(owner, "/api/mcp/tokens", "revoked");
        String id = api.get("/api/mcp/tokens").token(owner.accessToken()).send().json().valueStream()
                .filter(token -> token.path("name").asString().equals("revoked")).findFirst().orElseThrow().path("id").asString();
        assertThat(api.delete("/api/mcp/tokens/" + id).token(owner.accessToken()).send().status()).isEqualTo(204);
        assertThat(rpc(revoked, "tools/list").status()).isEqualTo(401);
    }

    @Test
    void theTransportAnswersAsStreamableHttpSays() {
        Session owner = newUser("mcp-transport");
        String token = issue(owner, "/api/mcp/tokens", "raw");

        assertThat(api.get("/mcp").send().status()).isEqualTo(405);
        Response notification = api.post("/mcp").header("Authorization", "Bearer " + token)
                .json(Api.map("jsonrpc", "2.0", "method", "notifications/initialized")).send();
        assertThat(notification.status()).isEqualTo(202);
        assertThat(notification.text()).isEmpty();
        JsonNode unknown = rpc(token, "resources/list").json();
        assertThat(unknown.path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(unknown.path("id").asInt()).isEqualTo(7);
        Response garbage = api.post("/mcp").header("Authorization", "Bearer " + token).raw("application/json", "{not json").send();
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().path("error").path("code").asInt()).isEqualTo(-32700);
        Response unknownTool = api.post("/mcp").header("Authorization", "Bearer " + token).json(Api.map("jsonrpc", "2.0", "id", "x",
                "method", "tools/call", "params", Api.map("name", "nope", "arguments", Map.of()))).send();
        assertThat(unknownTool.json().path("error").path("code").asInt()).isEqualTo(-32602);
        Response oldVersion = api.post("/mcp").header("Authorization", "Bearer " + token).header("MCP-Protocol-Version", "2023-01-01")
                .json(Api.map("jsonrpc", "2.0", "id", 1, "method", "ping")).send();
        assertThat(oldVersion.status()).isEqualTo(400);
        Response foreign = api.post("/mcp").header("Authorization", "Bearer " + token).header("Origin", "https://evil.example")
                .json(Api.map("jsonrpc", "2.0", "id", 1, "method", "ping")).send();
        assertThat(foreign.status()).isEqualTo(403);
        Response batch = api.post("/mcp").header("Authorization", "Bearer " + token).json(List.of(
                Api.map("jsonrpc", "2.0", "id", 1, "method", "ping"), Api.map("jsonrpc", "2.0", "method", "notifications/initialized"))).send();
        assertThat(batch.json().size()).isEqualTo(1);
    }

    @Test
    void aDeletedProjectsTokensStopWorking() {
        Session owner = newUser("mcp-deleted");
        String project = project(owner, "Doomed");
        String token = issue(owner, "/api/projects/" + project + "/mcp/tokens", "doomed");
        assertThat(rpc(token, "tools/list").status()).isEqualTo(200);

        assertThat(api.delete("/api/projects/" + project).token(owner.accessToken()).send().status()).isEqualTo(204);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rpc(token, "tools/list").status() == 401);
    }

    @Test
    void badTokenRequestsAreProblems() {
        Session owner = newUser("mcp-bad");
        assertThat(api.post("/api/mcp/tokens").token(owner.accessToken()).json(Api.map("name", " ")).send().problemType())
                .isEqualTo("validation-failed");
        assertThat(api.post("/api/mcp/tokens").token(owner.accessToken()).json(Api.map("name", "x", "expiresInDays", 0)).send().status())
                .isEqualTo(400);
        assertThat(api.delete("/api/mcp/tokens/" + java.util.UUID.randomUUID()).token(owner.accessToken()).send().status()).isEqualTo(404);
        assertThat(api.get("/api/mcp/tokens").send().status()).isEqualTo(401);
    }

    // --- helpers ---

    private static Map<String, Object> doubler() {
        return WorkflowFixtures.definition()
                .node("start", "manual-trigger", Map.of("inputSchema", DOUBLER_SCHEMA))
                .node("set", "set", Map.of("fields", List.of(Map.of("name", "doubled", "value", "{{ a * 2 }}"))))
                .edge("start", "set").build();
    }

    private McpSyncClient connect(String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(api.base())
                .endpoint("/mcp")
                .requestBuilder(java.net.http.HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    }

    private List<String> toolNames(String token) {
        McpSyncClient one = connect(token);
        try {
            one.initialize();
            return one.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        } finally {
            one.closeGracefully();
        }
    }

    private Response rpc(String token, String method) {
        Api.Call call = api.post("/mcp").json(Api.map("jsonrpc", "2.0", "id", 7, "method", method));
        return token == null ? call.send() : call.header("Authorization", "Bearer " + token).send();
    }

    private String issue(Session user, String path, String name) {
        Response issued = api.post(path).token(user.accessToken()).json(Api.map("name", name)).send();
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        return issued.json().path("secret").asString();
    }

    private String project(Session owner, String name) {
        Response created = api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", name, "type", "api")).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private void share(Session owner, String project, Session member, String role) {
        Response added = api.post("/api/projects/" + project + "/members").token(owner.accessToken())
                .json(Api.map("email", member.email(), "role", role)).send();
        assertThat(added.status()).as(added.text()).isIn(200, 201);
    }

    private String workflow(Session owner, String project, String name, Map<String, Object> definition) {
        Response created = api.post("/api/projects/" + project + "/workflows").token(owner.accessToken())
                .json(Api.map("name", name, "definition", definition)).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private String published(Session owner, String project, String name, Map<String, Object> definition) {
        String workflow = workflow(owner, project, name, definition);
        Response version = api.post("/api/workflows/" + workflow + "/versions").token(owner.accessToken()).send();
        assertThat(version.status()).as(version.text()).isEqualTo(201);
        Response activated = api.put("/api/workflows/" + workflow + "/activation").token(owner.accessToken())
                .json(Api.map("version", version.json().path("version").asInt())).send();
        assertThat(activated.status()).as(activated.text()).isEqualTo(200);
        return workflow;
    }
}
