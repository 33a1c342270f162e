package dev.nex7.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.nex7.Nex7Application;
import dev.nex7.platform.database.EmbeddedDatabase;

/** The application owns its PostgreSQL: closing the application stops the server. */
class EmbeddedDatabaseLifecycleTests {

    @TempDir
    Path dataDir;

    @Test
    void closingTheApplicationStopsItsPostgreSql() throws Exception {
        int port;
        try (ConfigurableApplicationContext app = SpringApplication.run(Nex7Application.class, "--server.port=0",
                "--nex7.db.data-dir=" + dataDir)) {
            port = Integer.parseInt(app.getBean(EmbeddedDatabase.class).jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1"));
            assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid"))).isTrue();
            assertThat(accepts(port)).isTrue();
        }

        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid"))).as("server stopped").isFalse();
        assertThat(accepts(port)).isFalse();
    }

    @Test
    void aStartUpThatFailsStillStopsItsPostgreSql() {
        // An invalid setting fails the context while beans are created, after PostgreSQL was started.
        assertThatThrownBy(() -> SpringApplication.run(Nex7Application.class, "--server.port=0",
                "--nex7.db.data-dir=" + dataDir, "--nex7.http.max-json-depth=1").close())
                .isInstanceOf(Exception.class);

        assertThat(Files.exists(dataDir.resolve("postgres/PG_VERSION"))).as("the server had been started").isTrue();
        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid"))).as("and was stopped").isFalse();
    }

    @Test
    void anExternalServerNamedByNex7DbUrlIsUsedInsteadOfStartingOne() throws Exception {
        Path external = dataDir.resolve("external");
        try (EmbeddedDatabase server = EmbeddedDatabase.start(external, 0);
                ConfigurableApplicationContext app = SpringApplication.run(Nex7Application.class, "--server.port=0",
                        "--nex7.db.url=" + server.jdbcUrl(), "--nex7.db.username=" + server.username(),
                        "--nex7.db.password=" + server.password(), "--nex7.db.data-dir=" + dataDir.resolve("unused"))) {
            assertThat(app.getBeanNamesForType(EmbeddedDatabase.class)).isEmpty();
            // The data directory still holds the master key file; only PostgreSQL's files must be missing.
            assertThat(Files.exists(dataDir.resolve("unused/postgres"))).as("no embedded server was started").isFalse();
            var jdbc = app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
            assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Long.class).single())
                    .as("migrations ran on the external server").isGreaterThanOrEqualTo(4);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
