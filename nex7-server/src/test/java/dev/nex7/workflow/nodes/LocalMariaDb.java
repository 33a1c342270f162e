package dev.nex7.workflow.nodes;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real MySQL-compatible server for tests: the MariaDB server installed on this machine (Debian's
 * {@code mariadb-server-core}), started in a temporary directory on 127.0.0.1 and a free port, and
 * stopped afterwards. Nothing is skipped when it is missing: {@link #start()} fails and says what
 * to install.
 */
final class LocalMariaDb implements AutoCloseable {

    private static final List<String> SERVERS = List.of("/usr/sbin/mariadbd", "/usr/sbin/mysqld",
            "/usr/local/mysql/bin/mariadbd", "/usr/bin/mariadbd");

    private final Process process;
    private final Path dir;
    private final int port;

    private LocalMariaDb(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Creates a data directory with the system tables, starts the server and waits until it answers.
     *
     * @throws IllegalStateException when no MariaDB server is installed, naming what to install
     */
    static LocalMariaDb start() throws Exception {
        Path server = server().orElseThrow(() -> new IllegalStateException("The MySQL tests need a MariaDB server "
                + "binary and none was found (looked at $NEX7_MARIADBD, " + String.join(", ", SERVERS) + "). "
                + "On Debian: apt-get install mariadb-server-core"));
        Path scripts = scripts(server).orElseThrow(() -> new IllegalStateException("The MariaDB system table "
                + "scripts (mysql_system_tables.sql) were not found next to " + server
                + "; install the whole mariadb-server-core package"));
        Path dir = Files.createTempDirectory("nex7-mariadb-");
        Path data = Files.createDirectory(dir.resolve("data"));
        bootstrap(server, scripts, data, dir);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(server.toString(), "--no-defaults", "--datadir=" + data,
                "--socket=" + dir.resolve("sock"), "--pid-file=" + dir.resolve("pid"), "--port=" + port,
                "--bind-address=127.0.0.1", "--skip-log-bin", "--innodb-buffer-pool-size=16M",
                "--log-error=" + dir.resolve("error.log"), "--tmpdir=" + dir));
        asRoot(command);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        LocalMariaDb mariaDb = new LocalMariaDb(process, dir, port);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("mariadbd exited: " + mariaDb.log());
                        }
                        try (Connection ignored = mariaDb.root()) {
                            return true;
                        }
                    });
            // Anonymous accounts would shadow the test user; none should exist, but make sure.
            mariaDb.execute("DELETE FROM mysql.global_priv WHERE User = ''");
            mariaDb.execute("FLUSH PRIVILEGES");
        } catch (RuntimeException | SQLException failed) {
            mariaDb.close();
            throw failed;
        }
        return mariaDb;
    }

    int port() {
        return port;
    }

    /** Runs SQL as the server's root user (root@localhost: 127.0.0.1 resolves to localhost). */
    void execute(String sql) throws SQLException {
        try (Connection connection = root(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs SQL as root in {@code database}. */
    void execute(String database, String sql) throws SQLException {
        try (Connection connection = root(); Statement statement = connection.createStatement()) {
            statement.execute("USE " + database);
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private Connection root() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/mysql?user=root");
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return "(no log)";
        }
    }

    private static Optional<Path> server() {
        String configured = System.getenv("NEX7_MARIADBD");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return SERVERS.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** {@code <prefix>/share/mysql} or {@code <prefix>/share/mariadb}, for {@code <prefix>/sbin/mariadbd}. */
    private static Optional<Path> scripts(Path server) {
        Path prefix = server.toAbsolutePath().getParent().getParent();
        return Stream.of(prefix.resolve("share/mysql"), prefix.resolve("share/mariadb"), Path.of("/usr/share/mysql"))
                .filter(dir -> Files.exists(dir.resolve("mysql_system_tables.sql"))).findFirst();
    }

    /** What mariadb-install-db does, without the Perl and client tools it needs. */
    private static void bootstrap(Path server, Path scripts, Path data, Path dir) throws IOException, InterruptedException {
        Path sql = dir.resolve("bootstrap.sql");
        StringBuilder script = new StringBuilder("create database if not exists mysql;\nuse mysql;\n"
                + "SET @auth_root_socket=NULL;\n");
        for (String file : List.of("mysql_system_tables.sql", "mysql_system_tables_data.sql")) {
            script.append(Files.readString(scripts.resolve(file), StandardCharsets.UTF_8)).append('\n');
        }
        Files.writeString(sql, script, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(server.toString(), "--no-defaults", "--bootstrap",
                "--datadir=" + data, "--log-warnings=0", "--enforce-storage-engine=", "--max_allowed_packet=8M",
                "--tmpdir=" + dir));
        asRoot(command);
        Process bootstrap = new ProcessBuilder(command).redirectInput(sql.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("bootstrap.log").toFile()).start();
        if (!bootstrap.waitFor(120, TimeUnit.SECONDS) || bootstrap.exitValue() != 0) {
            bootstrap.destroyForcibly();
            throw new IllegalStateException("Creating the MariaDB system tables failed: "
                    + Files.readString(dir.resolve("bootstrap.log"), StandardCharsets.UTF_8));
        }
    }

    /** mariadbd refuses to run as root unless told to. */
    private static void asRoot(List<String> command) {
        if ("root".equals(System.getProperty("user.name"))) {
            command.add(2, "--user=root");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
