package dev.nex7.workflow.nodes.sql;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.Properties;

import dev.nex7.integration.OutboundSockets;

/**
 * Opens one JDBC connection per node run, through the SSRF policy's checked sockets.
 *
 * <p>There is no pool on purpose: node runs are short and spread over many credentials, a pool per
 * credential would keep connections (and decrypted passwords) open between runs and have to follow
 * every change of a credential and of the allow-list, and a pooled connection opened before an
 * administrator closed a host would keep reaching it. Opening a connection costs a few milliseconds
 * on a local network, next to node runs that are written to the database anyway.
 *
 * <p>The drivers are called directly rather than through {@code DriverManager}, so that no other
 * registered driver can claim the URL, and every option that matters is set here rather than left
 * to defaults: no multi-statement protocol, no {@code LOAD DATA LOCAL}, no redirection to another
 * server, and a server-side statement timeout where the server has one.
 */
public final class DatabaseConnections implements AutoCloseable {

    private static final Driver POSTGRES = new org.postgresql.Driver();
    private static final Driver MARIADB = new org.mariadb.jdbc.Driver();

    private final String key;

    public DatabaseConnections(OutboundSockets sockets) {
        this.key = GuardedSocketFactory.register(sockets.socketFactory());
    }

    /**
     * Connects and signs in.
     *
     * @param connectTimeout how long connecting and signing in may take
     * @param statementTimeout how long one statement may run, enforced by the server where it can be
     * @throws SQLException as the driver reports it; its cause names a blocked address, if that is why
     */
    public Connection open(DatabaseTarget target, Duration connectTimeout, Duration statementTimeout)
            throws SQLException {
        // Reading a result may wait a little longer than the statement itself ran; past that the socket gives up.
        Duration socketTimeout = statementTimeout.plus(connectTimeout);
        Connection connection = switch (target.dialect()) {
            case POSTGRES -> POSTGRES.connect(postgresUrl(target), postgres(target, connectTimeout, statementTimeout,
                    socketTimeout));
            case MYSQL -> MARIADB.connect(mysqlUrl(target), mysql(target, connectTimeout, socketTimeout));
        };
        if (connection == null) {
            throw new SQLNonTransientConnectionException("The driver did not accept the connection URL");
        }
        return connection;
    }

    @Override
    public void close() {
        GuardedSocketFactory.unregister(key);
    }

    private static String postgresUrl(DatabaseTarget target) {
        return "jdbc:postgresql://" + target.hostForUrl() + ":" + target.port() + "/" + target.database();
    }

    private static String mysqlUrl(DatabaseTarget target) {
        return "jdbc:mariadb://" + target.hostForUrl() + ":" + target.port() + "/" + target.database();
    }

    private Properties postgres(DatabaseTarget target, Duration connect, Duration statement, Duration socket) {
        Properties properties = signIn(target);
        properties.setProperty("socketFactory", GuardedSocketFactory.class.getName());
        properties.setProperty("socketFactoryArg", key);
        properties.setProperty("connectTimeout", String.valueOf(seconds(connect)));
        properties.setProperty("loginTimeout", String.valueOf(seconds(connect)));
        properties.setProperty("socketTimeout", String.valueOf(seconds(socket)));
        // The server ends a statement that runs too long, whatever happens to this connection.
        properties.setProperty("options", "-c statement_timeout=" + statement.toMillis());
        // Parameters are sent untyped so the server reads "42" for an integer column as it would a literal.
        properties.setProperty("stringtype", "unspecified");
        properties.setProperty("ApplicationName", "NEX7");
        properties.setProperty("sslmode", target.ssl());
        switch (target.ssl()) {
            case "require" -> properties.setProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
            case "verify-full" -> properties.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
            default -> {
                // disable: no TLS.
            }
        }
        return properties;
    }

    private Properties mysql(DatabaseTarget target, Duration connect, Duration socket) {
        Properties properties = signIn(target);
        properties.setProperty("socketFactory", GuardedSocketFactory.class.getName());
        properties.setProperty(GuardedSocketFactory.KEY_PROPERTY, key);
        properties.setProperty("connectTimeout", String.valueOf(Math.max(1, connect.toMillis())));
        properties.setProperty("socketTimeout", String.valueOf(Math.max(1, socket.toMillis())));
        properties.setProperty("allowMultiQueries", "false");
        properties.setProperty("allowLocalInfile", "false");
        properties.setProperty("permitRedirect", "false");
        // Never the clear-text or dialog plugins, which hand the password to whatever answers.
        properties.setProperty("restrictedAuth", "mysql_native_password,caching_sha2_password,client_ed25519");
        properties.setProperty("sslMode", switch (target.ssl()) {
            case "require" -> "trust";
            case "verify-full" -> "verify-full";
            default -> "disable";
        });
        return properties;
    }

    private static Properties signIn(DatabaseTarget target) {
        Properties properties = new Properties();
        properties.setProperty("user", target.username());
        if (target.password() != null) {
            properties.setProperty("password", target.password());
        }
        return properties;
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
