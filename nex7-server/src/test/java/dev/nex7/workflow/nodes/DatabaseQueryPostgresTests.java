package dev.nex7.workflow.nodes;

import static dev.nex7.workflow.nodes.NodeValues.property;
import static dev.nex7.workflow.nodes.NodeValues.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.nex7.plugin.node.CredentialSlot;
import dev.nex7.plugin.node.NodeDescriptor;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The Database query node against a real PostgreSQL server: an embedded one of its own, where the
 * test user must sign in with a password.
 */
class DatabaseQueryPostgresTests extends DatabaseQueryContract {

    private static EmbeddedPostgres postgres;
    private static Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("nex7-dbquery-pg-");
        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1").start();
        superuser("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
        superuser("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        // The test's own administration signs in without a password; the node's user must present one.
        Files.writeString(dataDir.resolve("pg_hba.conf"), """
                local all all trust
                host  all postgres 127.0.0.1/32 trust
                host  all all 127.0.0.1/32 scram-sha-256
                """, StandardCharsets.UTF_8);
        superuser("SELECT pg_reload_conf()");
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    private static void superuser(String sql) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    int port() {
        return postgres.getPort();
    }

    @Override
    String kind() {
        return "postgres";
    }

    @Override
    void admin(String sql) throws Exception {
        try (Connection connection = postgres.getDatabase("postgres", DATABASE).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET ROLE " + USER);
            statement.execute(sql);
        }
    }

    @Override
    String sleep(int seconds) {
        return "SELECT pg_sleep(" + seconds + ")";
    }

    @Test
    void theDescriptorIsWhatTheCanvasShows() {
        NodeDescriptor descriptor = node().descriptor();
        Map<String, Object> properties = property(descriptor.parameterSchema(), "properties");

        assertThat(descriptor.type()).isEqualTo("database-query");
        assertThat(descriptor.version()).isEqualTo(1);
        assertThat(descriptor.credentials()).containsExactly(new CredentialSlot("database",
                List.of("postgres", "mysql"), true));
        assertThat(descriptor.parameterSchema().get("required")).isEqualTo(List.of("query"));
        assertThat(property(properties, "query")).containsEntry("x-expression", false).containsEntry("x-editor", "sql");
        assertThat(property(properties, "maxRows")).containsEntry("default", 1000)
                .containsEntry("maximum", DatabaseQuery.MAX_ROWS);
        assertThat(property(properties, "timeoutMs")).containsEntry("default", 30_000);
        assertThat(property(properties, "parameters")).containsEntry("type", "array");
    }

    @Test
    void postgresTypesBecomeJsonValues() throws Exception {
        Map<String, Object> row = rows(run("query", """
                SELECT '{"a": [1, true]}'::jsonb AS doc, ARRAY['x', 'y'] AS tags, 12345678901::bigint AS big,
                       1.5::float8 AS ratio, DATE '2026-03-01' AS day, TIMESTAMP '2026-03-01 12:30:00' AS local_time,
                       TIMESTAMPTZ '2026-03-01 12:30:00+00' AS instant, '\\x00ff'::bytea AS bytes,
                       'a5b1c0de-0000-4000-8000-000000000001'::uuid AS id, 'NaN'::float8 AS nan
                """)).getFirst();

        assertThat(row.get("doc")).isEqualTo(Map.of("a", List.of(1L, true)));
        assertThat(row.get("tags")).isEqualTo(List.of("x", "y"));
        assertThat(row.get("big")).isEqualTo(12345678901L);
        assertThat(row.get("ratio")).isEqualTo(1.5);
        assertThat(row.get("day")).isEqualTo("2026-03-01");
        assertThat(row.get("local_time")).isEqualTo("2026-03-01T12:30");
        assertThat(row.get("instant")).isEqualTo("2026-03-01T12:30Z");
        assertThat(row.get("bytes")).isEqualTo("AP8=");
        assertThat(row.get("id")).isEqualTo("a5b1c0de-0000-4000-8000-000000000001");
        assertThat(row.get("nan")).isEqualTo("NaN");
    }

    @Test
    void aSemicolonInsideADollarQuotedStringIsPartOfTheOneStatement() throws Exception {
        Map<String, Object> result = run("query", "SELECT $body$a; DROP TABLE items$body$ AS text, ?::int AS n",
                "parameters", List.of(7L));

        assertThat(rows(result)).containsExactly(Map.of("text", "a; DROP TABLE items", "n", 7L));
    }

    @Test
    void textParametersAreReadByTheServerLikeLiterals() throws Exception {
        Map<String, Object> result = run("query", "SELECT name FROM items WHERE id = ? AND ok = ?", "parameters",
                List.of("1", "true"));

        assertThat(rows(result)).containsExactly(Map.of("name", "kettle"));
    }
}
