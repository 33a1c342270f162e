package dev.nex7.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nex7.platform.database.DataDirectoryLocked;
import dev.nex7.platform.database.EmbeddedDatabase;

class EmbeddedDatabaseTests {

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestartAndOnlyThePasswordOpensTheDoor() throws Exception {
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir, 0)) {
            try (Connection c = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password())) {
                c.createStatement().execute("CREATE TABLE kept (value TEXT)");
                c.createStatement().execute("INSERT INTO kept VALUES ('still here')");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(first.jdbcUrl(), first.username(), "guess").close())
                    .isInstanceOf(SQLException.class);
        }
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("postgres.password")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        try (EmbeddedDatabase second = EmbeddedDatabase.start(dataDir, 0);
                Connection c = DriverManager.getConnection(second.jdbcUrl(), second.username(), second.password());
                ResultSet rs = c.createStatement().executeQuery("SELECT value FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void aCommitIsOnDiskBeforeItIsAcknowledged() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0);
                Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('synchronous_commit'), current_setting('fsync')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("on");
            assertThat(rs.getString(2)).isEqualTo("on");
        }
    }

    @Test
    void aSecondServerOnTheSameDirectoryIsRefusedWithAClearMessage() throws Exception {
        try (EmbeddedDatabase running = EmbeddedDatabase.start(dataDir, 0)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir, 0))
                    .isInstanceOf(DataDirectoryLocked.class)
                    .hasMessageContaining("in use by another running NEX7")
                    .hasMessageContaining(dataDir.toAbsolutePath().toString());
            assertThat(DriverManager.getConnection(running.jdbcUrl(), running.username(), running.password())
                    .isValid(2)).isTrue();
        }
    }
}
