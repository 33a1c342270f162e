package dev.nex7.workflow.nodes;

import static dev.nex7.workflow.nodes.NodeValues.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.nex7.plugin.node.NodeFailure;

/**
 * The Database query node against a real MySQL-compatible server: this machine's MariaDB server,
 * started by the test ({@link LocalMariaDb}). Tagged {@code mysql}: the default test run leaves it
 * out, {@code -Pmysql-tests} runs it, and it fails (never skips) when no MariaDB server is installed.
 */
@Tag("mysql")
class DatabaseQueryMySqlTests extends DatabaseQueryContract {

    private static LocalMariaDb mariaDb;

    @BeforeAll
    static void start() throws Exception {
        mariaDb = LocalMariaDb.start();
        mariaDb.execute("CREATE DATABASE " + DATABASE);
        mariaDb.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
        mariaDb.execute("GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'%'");
    }

    @AfterAll
    static void stop() throws Exception {
        if (mariaDb != null) {
            mariaDb.close();
        }
    }

    @Override
    int port() {
        return mariaDb.port();
    }

    @Override
    String kind() {
        return "mysql";
    }

    @Override
    void admin(String sql) throws Exception {
        mariaDb.execute(DATABASE, sql);
    }

    @Override
    String sleep(int seconds) {
        return "SELECT SLEEP(" + seconds + ")";
    }

    @Test
    void mysqlTypesBecomeJsonValues() throws Exception {
        Map<String, Object> row = rows(run("query", """
                SELECT CAST(12345678901 AS SIGNED) AS big, CAST(1.5 AS DOUBLE) AS ratio, DATE '2026-03-01' AS day,
                       TIMESTAMP '2026-03-01 12:30:00' AS local_time, X'00FF' AS bytes, ok FROM items WHERE id = ?
                """, "parameters", List.of(1L))).getFirst();

        assertThat(row.get("big")).isEqualTo(12345678901L);
        assertThat(row.get("ratio")).isEqualTo(1.5);
        assertThat(row.get("day")).isEqualTo("2026-03-01");
        assertThat(row.get("local_time")).isEqualTo("2026-03-01T12:30");
        assertThat(row.get("bytes")).isEqualTo("AP8=");
        assertThat(row.get("ok")).isEqualTo(true);
    }

    @Test
    void theServerCannotMakeTheNodeReadLocalFiles() throws Exception {
        NodeFailure failure = fails("query", "LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE items");

        assertThat(failure.retryable()).isFalse();
        assertThat(rows(run("query", "SELECT COUNT(*) AS n FROM items")).getFirst().get("n")).isEqualTo(3L);
    }

    @Test
    void anExecutableCommentCannotCarryASecondStatement() {
        NodeFailure failure = fails("query", "SELECT 1 /*!; DELETE FROM items */");

        assertThat(failure.code()).isEqualTo("invalid-query");
    }
}
