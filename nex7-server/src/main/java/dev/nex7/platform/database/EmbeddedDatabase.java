package dev.nex7.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * NEX7's own PostgreSQL server, started from the zonky binaries with its files in the data
 * directory. It listens on 127.0.0.1 only and, after the first start, accepts only password
 * (SCRAM) logins with a random password kept in the data directory, so other local users cannot
 * read the data through the port. A file lock keeps a second NEX7 away from the same directory.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedDatabase(FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres, String password) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
        this.password = password;
    }

    /** Takes the data directory's lock, stops a server orphaned by a killed NEX7, starts PostgreSQL. */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve("nex7.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new DataDirectoryLocked(dataDir);
            }
            try {
                Path pgData = dataDir.resolve("postgres");
                stopOrphanedServer(pgData);
                Path passwordFile = dataDir.resolve("postgres.password");
                String stored = Files.exists(passwordFile)
                        ? Files.readString(passwordFile, StandardCharsets.UTF_8).strip() : null;
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(pgData)
                        .setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("max_connections", "100")
                        // zonky starts PostgreSQL for tests: with -F (fsync off) and synchronous_commit off, so a
                        // commit would be acknowledged before its WAL reaches the disk and a power cut could lose
                        // (or corrupt) what callers were told was stored. NEX7's embedded database is its real
                        // database: these -c options come after -F and win.
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setPGStartupWait(Duration.ofSeconds(60));
                if (port > 0) {
                    builder.setPort(port);
                }
                if (stored != null) {
                    // zonky's readiness probe connects too: it must present the password as well.
                    builder.setConnectConfig("password", stored);
                }
                EmbeddedPostgres postgres = builder.start();
                String password = stored != null ? stored : secure(postgres, pgData, passwordFile);
                log.info("Embedded PostgreSQL is running on 127.0.0.1:{} with its data in {}", postgres.getPort(),
                        pgData.toAbsolutePath());
                return new EmbeddedDatabase(channel, lock, postgres, password);
            } catch (RuntimeException | IOException e) {
                lock.release();
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir.toAbsolutePath(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // This JVM already holds it: another application context in the same process owns the directory.
            return null;
        }
    }

    /**
     * A NEX7 killed without a clean shutdown leaves its PostgreSQL running. We hold the lock, so no
     * live NEX7 owns that server: stop it before starting ours.
     */
    private static void stopOrphanedServer(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
        Optional<ProcessHandle> orphan = first.matches("\\d+") ? ProcessHandle.of(Long.parseLong(first)) : Optional.empty();
        if (orphan.isPresent() && orphan.get().isAlive()
                && orphan.get().info().command().map(c -> c.endsWith("postgres")).orElse(false)) {
            log.warn("Stopping the PostgreSQL server (pid {}) left running by a NEX7 that did not shut down cleanly", first);
            orphan.get().destroy();
            try {
                orphan.get().onExit().get(ORPHAN_STOP_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("The PostgreSQL server left running in " + pgData + " (pid " + first
                        + ") did not stop; stop it by hand and start NEX7 again", e);
            }
        }
    }

    /** First start: give the superuser a random password and require it for every connection. */
    private static String secure(EmbeddedPostgres postgres, Path pgData, Path passwordFile) throws IOException {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            // A DDL statement takes no bind parameters; the value is hex we generated, never input.
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
            Files.writeString(pgData.resolve("pg_hba.conf"), """
                    # Written by NEX7: every connection must present the password.
                    local all all scram-sha-256
                    host  all all 127.0.0.1/32 scram-sha-256
                    host  all all ::1/128 scram-sha-256
                    """, StandardCharsets.UTF_8);
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("Could not secure the embedded PostgreSQL", e);
        }
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.debug("File system has no POSIX permissions; {} keeps its default ones", passwordFile);
        }
        return password;
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
