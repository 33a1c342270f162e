package dev.nex7.workflow.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.nex7.support.Api;
import dev.nex7.support.IntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import tools.jackson.databind.JsonNode;

/**
 * The Database query node in a workflow run through the REST API, with a PostgreSQL credential from
 * the vault: against a database an administrator opened, and against NEX7's own database, which it
 * must not reach.
 */
class DatabaseQueryIntegrationTests extends IntegrationTest {

    private static final String PASSWORD = "canary-db-" + UUID.randomUUID();
    private static EmbeddedPostgres shop;

    @Autowired
    private DataSource ownDatabase;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("nex7-dbquery-e2e-");
        shop = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1").start();
        try (Connection connection = shop.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE shop LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE DATABASE shop OWNER shop");
        }
        try (Connection connection = shop.getDatabase("postgres", "shop").getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET ROLE shop");
            statement.execute("CREATE TABLE orders (id TEXT PRIMARY KEY, total NUMERIC(10,2))");
            statement.execute("INSERT INTO orders VALUES ('A-17', 19.90), ('B-2', 5.00)");
        }
        Files.writeString(dir.resolve("pg_hba.conf"), """
                local all all trust
                host  all postgres 127.0.0.1/32 trust
                host  all all 127.0.0.1/32 scram-sha-256
                """, StandardCharsets.UTF_8);
        try (Connection connection = shop.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        shop.close();
    }

    private static Map<String, Object> postgres(int port) {
        return Api.map("host", "127.0.0.1", "port", port, "database", "shop", "username", "shop",
                "password", PASSWORD, "ssl", "disable");
    }

    @Test
    void aWorkflowQueriesAnOpenedDatabaseWithBoundValuesAndTheQueryStaysLiteral() {
        api.post("/api/admin/outbound-allow-list").token(admin().accessToken())
                .json(Api.map("entry", "127.0.0.1:" + shop.getPort())).send();
        FlowsOverApi flows = new FlowsOverApi(api, newUser("Analyst"));
        String workflow = flows.workflow("database-query", Map.of(
                "query", "SELECT id, total, '{{ $input.id }}' AS literal FROM orders WHERE id = ?",
                "parameters", List.of("{{ $input.id }}")), "database", flows.credential("postgres", postgres(shop.getPort())));

        FlowsOverApi.Run found = flows.run(workflow, Map.of("id", "A-17"));
        FlowsOverApi.Run injected = flows.run(workflow, Map.of("id", "x' OR '1'='1"));

        assertThat(found.status()).as(found.text()).isEqualTo("succeeded");
        JsonNode result = found.node().path("output").path("main");
        assertThat(result.path("rowCount").asInt()).as(found.text()).isEqualTo(1);
        JsonNode row = result.path("rows").get(0);
        assertThat(row.path("id").asString()).isEqualTo("A-17");
        assertThat(row.path("total").decimalValue()).isEqualByComparingTo("19.90");
        assertThat(row.path("literal").asString()).isEqualTo("{{ $input.id }}");
        assertThat(injected.node().path("output").path("main").path("rowCount").asInt()).isZero();
        assertThat(found.text()).doesNotContain(PASSWORD);
    }

    @Test
    void nex7sOwnDatabaseIsOutOfReach() throws Exception {
        String url;
        try (Connection connection = ownDatabase.getConnection()) {
            url = connection.getMetaData().getURL();
        }
        int ownPort = Integer.parseInt(url.replaceAll(".*//[^:/]+:(\\d+)/.*", "$1"));
        FlowsOverApi flows = new FlowsOverApi(api, newUser("Snoop"));
        String workflow = flows.workflow("database-query", Map.of("query", "SELECT * FROM information_schema.tables"),
                "database", flows.credential("postgres", postgres(ownPort)));

        FlowsOverApi.Run run = flows.run(workflow, Map.of());

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.node().path("error").path("code").asString()).isEqualTo("blocked-address");
        assertThat(run.node().path("error").path("retryable").asBoolean(true)).isFalse();
    }
}
