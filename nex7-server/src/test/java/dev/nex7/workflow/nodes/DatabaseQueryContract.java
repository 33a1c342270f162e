package dev.nex7.workflow.nodes;

import static dev.nex7.workflow.nodes.NodeValues.failureOf;
import static dev.nex7.workflow.nodes.NodeValues.params;
import static dev.nex7.workflow.nodes.NodeValues.property;
import static dev.nex7.workflow.nodes.NodeValues.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.nex7.integration.OutboundSocketsFixtures;
import dev.nex7.plugin.node.Credential;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.Port;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the Database query node does against a real server of each kind it accepts; a subclass per
 * server starts one and says how to reach it.
 */
abstract class DatabaseQueryContract {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String USER = "shop";
    static final String DATABASE = "shop";
    static final String PASSWORD = "canary-Pw-7f3e9a51";

    private DatabaseQuery node;

    /** The server's port on 127.0.0.1. */
    abstract int port();

    /** The credential kind: postgres or mysql. */
    abstract String kind();

    /** Runs SQL as an administrator of the test database. */
    abstract void admin(String sql) throws Exception;

    /** A query that takes {@code seconds} seconds. */
    abstract String sleep(int seconds);

    @BeforeEach
    void table() throws Exception {
        node = new DatabaseQuery(OutboundSocketsFixtures.opening("127.0.0.1:" + port()), JSON);
        admin("DROP TABLE IF EXISTS items");
        admin("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(200), price DECIMAL(10,2), ok BOOLEAN)");
        admin("INSERT INTO items VALUES (1, 'kettle', 19.90, TRUE), (2, 'lamp', 35.00, FALSE), (3, NULL, NULL, NULL)");
    }

    @AfterEach
    void close() {
        node.close();
    }

    /** The node under test, opened to the server. */
    DatabaseQuery node() {
        return node;
    }

    Credential credential(String password, String ssl) {
        return new Credential("cred-db", kind(), Map.of("host", "127.0.0.1", "port", String.valueOf(port()),
                "database", DATABASE, "username", USER, "password", password, "ssl", ssl));
    }

    Map<String, Object> run(DatabaseQuery on, Credential credential, Object... parameters) throws Exception {
        NodeOutcome outcome = on.execute(new RecordingContext(null, params(parameters)).with("database", credential));
        return property(((NodeOutcome.Emitted) outcome).outputs(), Port.MAIN);
    }

    Map<String, Object> run(Object... parameters) throws Exception {
        return run(node, credential(PASSWORD, "disable"), parameters);
    }

    NodeFailure fails(DatabaseQuery on, Credential credential, Object... parameters) {
        return failureOf(() -> on.execute(new RecordingContext(null, params(parameters)).with("database", credential)));
    }

    NodeFailure fails(Object... parameters) {
        return fails(node, credential(PASSWORD, "disable"), parameters);
    }

    @Test
    void aSelectEmitsItsRowsAsJsonValues() throws Exception {
        Map<String, Object> result = run("query", "SELECT id, name, price, ok FROM items ORDER BY id");

        assertThat(result.get("columns")).isEqualTo(List.of("id", "name", "price", "ok"));
        assertThat(result.get("rowCount")).isEqualTo(3L);
        assertThat(result.get("truncated")).isEqualTo(false);
        List<Map<String, Object>> rows = rows(result);
        assertThat(rows.get(0)).containsEntry("id", 1L).containsEntry("name", "kettle")
                .containsEntry("price", new BigDecimal("19.90")).containsEntry("ok", true);
        assertThat(rows.get(2)).containsEntry("name", null).containsEntry("price", null).containsEntry("ok", null);
    }

    @Test
    void valuesAreBoundAsParametersSoInjectionAttemptsStayData() throws Exception {
        String hostile = "x'); DROP TABLE items; --";
        Map<String, Object> inserted = run("query", "INSERT INTO items (id, name) VALUES (?, ?)", "parameters",
                List.of(4L, hostile));
        Map<String, Object> tautology = run("query", "SELECT id FROM items WHERE name = ?", "parameters",
                List.of("' OR '1'='1"));
        Map<String, Object> readBack = run("query", "SELECT name FROM items WHERE id = ?", "parameters", List.of("4"));

        assertThat(inserted.get("rowCount")).isEqualTo(1L);
        assertThat(rows(tautology)).isEmpty();
        assertThat(rows(readBack)).containsExactly(Map.of("name", hostile));
        assertThat(rows(run("query", "SELECT COUNT(*) AS n FROM items")).getFirst().get("n")).isEqualTo(4L);
    }

    @Test
    void expressionTextInTheQueryIsSentAsWrittenNeverEvaluated() throws Exception {
        Map<String, Object> result = run("query", "SELECT '{{ $input.name }}' AS text");

        assertThat(rows(result)).containsExactly(Map.of("text", "{{ $input.name }}"));
        Map<String, Object> query = property(property(node.descriptor().parameterSchema(), "properties"), "query");
        assertThat(query).containsEntry("x-expression", false);
    }

    @Test
    void anUpdateEmitsTheNumberOfRowsItChanged() throws Exception {
        Map<String, Object> result = run("query", "UPDATE items SET ok = ? WHERE price > ?", "parameters",
                List.of(true, 20));

        assertThat(result.get("rowCount")).isEqualTo(1L);
        assertThat(result.get("rows")).isEqualTo(List.of());
        assertThat(result).doesNotContainKey("columns");
    }

    @Test
    void rowsBeyondMaxRowsAreNotReadAndTheOutputSaysSo() throws Exception {
        Map<String, Object> cut = run("query", "SELECT id FROM items ORDER BY id", "maxRows", 2);
        Map<String, Object> fits = run("query", "SELECT id FROM items ORDER BY id", "maxRows", 3);

        assertThat(rows(cut)).extracting(row -> row.get("id")).containsExactly(1L, 2L);
        assertThat(cut.get("truncated")).isEqualTo(true);
        assertThat(fits.get("truncated")).isEqualTo(false);
        assertThat(fails("query", "SELECT 1", "maxRows", DatabaseQuery.MAX_ROWS + 1).code()).isEqualTo("invalid-parameter");
    }

    @Test
    void aStatementThatRunsPastItsTimeoutIsStoppedAndMayBeRetried() {
        NodeFailure failure = fails("query", sleep(5), "timeoutMs", 300);

        assertThat(failure.code()).isEqualTo("timeout");
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void aSecondStatementIsRefusedBeforeAnythingRuns() throws Exception {
        NodeFailure failure = fails("query", "SELECT 1; DROP TABLE items");
        NodeFailure commented = fails("query", "SELECT 1 /* ; */; DELETE FROM items -- ;");

        assertThat(failure.code()).isEqualTo("invalid-query");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("more than one statement");
        assertThat(commented.code()).isEqualTo("invalid-query");
        assertThat(rows(run("query", "SELECT COUNT(*) AS n FROM items;")).getFirst().get("n")).isEqualTo(3L);
    }

    @Test
    void theNumberOfValuesMustMatchThePlaceholders() {
        NodeFailure failure = fails("query", "SELECT name FROM items WHERE id = ? AND name = '?'", "parameters",
                List.of(1L, "kettle"));

        assertThat(failure.code()).isEqualTo("invalid-parameter");
        assertThat(failure.getMessage()).contains("2 value(s) but the query has 1 ? placeholder(s)");
    }

    @Test
    void badSqlIsAPermanentFailureWithTheServersMessage() {
        NodeFailure syntax = fails("query", "SELEC name FROM items");
        NodeFailure duplicate = fails("query", "INSERT INTO items (id) VALUES (?)", "parameters", List.of(1L));

        assertThat(syntax.code()).isEqualTo("sql-error");
        assertThat(syntax.retryable()).isFalse();
        assertThat(duplicate.code()).isEqualTo("sql-error");
        assertThat(duplicate.getMessage()).containsIgnoringCase("duplicate");
    }

    @Test
    void aDatabaseOnThisMachineIsRefusedUnlessAnAdministratorOpenedIt() {
        DatabaseQuery guarded = new DatabaseQuery(OutboundSocketsFixtures.opening(), JSON);
        try {
            NodeFailure failure = fails(guarded, credential(PASSWORD, "disable"), "query", "SELECT 1");
            Map<String, String> named = new LinkedHashMap<>(credential(PASSWORD, "disable").fields());
            named.put("host", "localhost");
            NodeFailure byName = fails(guarded, new Credential("cred-db", kind(), named), "query", "SELECT 1");

            assertThat(failure.code()).isEqualTo("blocked-address");
            assertThat(failure.retryable()).isFalse();
            assertThat(failure.getMessage()).contains("127.0.0.1 is a loopback address");
            assertThat(byName.code()).isEqualTo("blocked-address");
        } finally {
            guarded.close();
        }
    }

    @Test
    void aWrongPasswordIsAPermanentFailureThatNeverShowsAPassword() {
        String wrong = "wrong-Pw-0c41d2e8";
        NodeFailure failure = fails(node, credential(wrong, "disable"), "query", "SELECT 1");

        assertThat(failure.code()).isEqualTo("auth-failed");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).doesNotContain(wrong).doesNotContain(PASSWORD);
    }

    @Test
    void aServerWithoutTlsIsNotUsedWhenTheCredentialAsksForIt() {
        NodeFailure required = fails(node, credential(PASSWORD, "require"), "query", "SELECT 1");
        NodeFailure verified = fails(node, credential(PASSWORD, "verify-full"), "query", "SELECT 1");

        assertThat(required.code()).isEqualTo("tls-failed");
        assertThat(required.retryable()).isFalse();
        assertThat(verified.code()).isEqualTo("tls-failed");
    }

    @Test
    void aServerThatDoesNotAnswerIsARetryableFailure() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        DatabaseQuery opened = new DatabaseQuery(OutboundSocketsFixtures.opening("127.0.0.1:" + closed), JSON);
        Map<String, String> fields = new LinkedHashMap<>(credential(PASSWORD, "disable").fields());
        fields.put("port", String.valueOf(closed));
        try {
            NodeFailure failure = fails(opened, new Credential("cred-db", kind(), fields), "query", "SELECT 1");

            assertThat(failure.code()).isEqualTo("connect-failed");
            assertThat(failure.retryable()).isTrue();
        } finally {
            opened.close();
        }
    }

    @Test
    void aCredentialFieldCannotAddDriverOptions() {
        Map<String, String> fields = new LinkedHashMap<>(credential(PASSWORD, "disable").fields());
        fields.put("database", "shop?socketFactory=java.lang.Object");
        Map<String, String> host = new LinkedHashMap<>(credential(PASSWORD, "disable").fields());
        host.put("host", "127.0.0.1:1,evil.example");

        assertThat(fails(node, new Credential("cred-db", kind(), fields), "query", "SELECT 1").code())
                .isEqualTo("invalid-credential");
        assertThat(fails(node, new Credential("cred-db", kind(), host), "query", "SELECT 1").code())
                .isEqualTo("invalid-credential");
    }



}
