package dev.nex7.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * NEX7 as an MCP client, against the official MCP Java SDK's Streamable HTTP server on a real Tomcat:
 * listing tools runs none, agents see and call only the tools they are allowed, and the header value
 * is sent but never shown or stored in plain text.
 */
class McpClientIntegrationTests extends IntegrationTest {

    private static final String SECRET = "Bearer fake-mcp-secret-7f3a";
    private static final String BASE = "/api/admin/mcp/servers";

    @Autowired
    McpToolbox toolbox;

    @Autowired
    JdbcClient jdbc;

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private Tomcat tomcat;
    private McpSyncServer mcp;
    private int mcpPort;

    @BeforeEach
    void startFakeServer() throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder().mcpEndpoint("/mcp").build();
        mcp = McpServer.sync(transport).serverInfo("fake-tools", "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .toolCall(McpSchema.Tool.builder().name("echo").description("Echoes its text")
                        .inputSchema(Map.of("type", "object", "properties", Map.of("text", Map.of("type", "string")))).build(),
                        (exchange, request) -> {
                            calls.add("echo:" + request.arguments().get("text"));
                            return McpSchema.CallToolResult.builder().addTextContent("echo: " + request.arguments().get("text"))
                                    .structuredContent(Map.of("echoed", request.arguments().get("text"))).build();
                        })
                .toolCall(McpSchema.Tool.builder().name("delete-everything").description("Must never run unasked")
                        .inputSchema(Map.of("type", "object")).build(),
                        (exchange, request) -> {
                            calls.add("delete-everything");
                            return McpSchema.CallToolResult.builder().addTextContent("deleted").build();
                        })
                .build();
        tomcat = new Tomcat();
        File base = Files.createTempDirectory("mcp-tomcat").toFile();
        tomcat.setBaseDir(base.getAbsolutePath());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.getAbsolutePath());
        Tomcat.addServlet(context, "mcp", transport).setAsyncSupported(true);
        context.addServletMappingDecoded("/mcp", "mcp");
        Filter auth = (request, response, chain) -> {
            String header = ((HttpServletRequest) request).getHeader("Authorization");
            authorizations.add(String.valueOf(header));
            if (!SECRET.equals(header)) {
                ((HttpServletResponse) response).sendError(401);
                return;
            }
            chain.doFilter(request, response);
        };
        FilterDef def = new FilterDef();
        def.setFilterName("auth");
        def.setFilter(auth);
        def.setAsyncSupported("true");
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("auth");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        tomcat.start();
        mcpPort = tomcat.getConnector().getLocalPort();
        Response allowed = api.post("/api/admin/outbound-allow-list").token(admin().accessToken()).json(Api.map("entry", "127.0.0.1:" + mcpPort)).send();
        assertThat(allowed.status()).as(allowed.text()).isIn(201, 409);
    }

    @AfterEach
    void stopFakeServer() throws Exception {
        mcp.closeGracefully();
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void listingAServersToolsRunsNoneAndAnAgentCallsOnlyTheToolsItIsAllowed() {
        String admin = admin().accessToken();
        Response registered = api.post(BASE).token(admin).json(Api.map("name", "fake-tools", "url", url(),
                "authHeader", "Authorization", "authValue", SECRET)).send();
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        assertThat(registered.text()).doesNotContain("fake-mcp-secret");
        assertThat(authorizations).as("registering sends nothing").isEmpty();
        String id = registered.json().path("id").asString();

        Response listed = api.post(BASE + "/" + id + "/tools").token(admin).send();
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        assertThat(listed.json().path("tools").valueStream().map(tool -> tool.path("name").asString()).toList())
                .containsExactlyInAnyOrder("echo", "delete-everything");
        assertThat(calls).as("listing tools runs none").isEmpty();
        assertThat(authorizations).isNotEmpty().allMatch(SECRET::equals);

        assertThat(toolbox.toolsFor("dev")).isEmpty();
        Response allowedTools = api.put(BASE + "/" + id + "/agents/dev").token(admin).json(Api.map("tools", List.of("echo"))).send();
        assertThat(allowedTools.status()).as(allowedTools.text()).isEqualTo(200);
        assertThat(toolbox.toolsFor("dev")).extracting(McpTool::qualifiedName).containsExactly("fake-tools__echo");
        assertThat(toolbox.toolsFor("designer")).isEmpty();

        McpToolResult result = toolbox.call("dev", "fake-tools__echo", Map.of("text", "hello"));
        assertThat(result.text()).isEqualTo("echo: hello");
        assertThat(result.structuredContent()).isEqualTo(Map.of("echoed", "hello"));
        assertThat(result.error()).isFalse();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> toolbox.call("dev", "fake-tools__delete-everything", Map.of()))
                .isInstanceOf(McpServersTestAccess.toolNotAllowed());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> toolbox.call("designer", "fake-tools__echo", Map.of()))
                .isInstanceOf(McpServersTestAccess.toolNotAllowed());
        assertThat(calls).containsExactly("echo:hello");
    }

    @Test
    void theHeaderValueIsStoredEncryptedAndAWrongOneIsAClearFailure() {
        String admin = admin().accessToken();
        String id = api.post(BASE).token(admin).json(Api.map("name", "wrong-key", "url", url(), "authHeader", "Authorization",
                "authValue", "Bearer wrong")).send().json().path("id").asString();
        byte[] stored = jdbc.sql("SELECT sealed_auth FROM mcp_servers WHERE id = CAST(:id AS UUID)").param("id", id).query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Bearer wrong");

        Response refused = api.post(BASE + "/" + id + "/tools").token(admin).send();

        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.problemType()).isEqualTo("mcp-server-failed");
        assertThat(refused.json().path("detail").asString()).contains("wrong-key").contains("refused").doesNotContain("Bearer wrong");
    }

    @Test
    void aServerTheGuardBlocksIsNotContacted() {
        String admin = admin().accessToken();
        String id = api.post(BASE).token(admin).json(Api.map("name", "metadata", "url", "http://169.254.169.254/mcp")).send()
                .json().path("id").asString();

        Response refused = api.post(BASE + "/" + id + "/tools").token(admin).send();

        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.json().path("detail").asString()).contains("could not be reached");
    }

    @Test
    void onlyAdministratorsManageServersAndBadInputIsAProblem() {
        Session user = newUser("mcp-not-admin");
        assertThat(api.get(BASE).token(user.accessToken()).send().status()).isEqualTo(403);
        String admin = admin().accessToken();
        Response bad = api.post(BASE).token(admin).json(Api.map("name", "Bad Name", "url", "ftp://x", "authHeader", "Authorization")).send();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(Api.fields(bad)).contains("name", "url", "authHeader");
        assertThat(api.post(BASE).token(admin).json(Api.map("name", "twice", "url", url())).send().status()).isEqualTo(201);
        assertThat(api.post(BASE).token(admin).json(Api.map("name", "twice", "url", url())).send().status()).isEqualTo(409);
        JsonNode twice = api.get(BASE).token(admin).send().json();
        String id = twice.valueStream().filter(server -> server.path("name").asString().equals("twice")).findFirst().orElseThrow()
                .path("id").asString();
        Response unknownTool = api.put(BASE + "/" + id + "/agents/dev").token(admin).json(Api.map("tools", List.of("never-listed"))).send();
        assertThat(unknownTool.status()).isEqualTo(400);
        assertThat(api.delete(BASE + "/" + id).token(admin).send().status()).isEqualTo(204);
        assertThat(api.get(BASE + "/" + id).token(admin).send().status()).isEqualTo(404);
    }

    private String url() {
        return "http://127.0.0.1:" + mcpPort + "/mcp";
    }
}
