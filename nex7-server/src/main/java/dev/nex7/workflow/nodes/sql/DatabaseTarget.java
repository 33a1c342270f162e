package dev.nex7.workflow.nodes.sql;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.nex7.credential.CredentialKinds;
import dev.nex7.plugin.node.Credential;

/**
 * Where a Database query node connects, read from a {@code postgres} or {@code mysql} credential.
 * Every field is checked so that nothing in it can add options to the driver's URL: the user and
 * password never go into the URL at all.
 *
 * @param dialect the SQL dialect, from the credential kind
 * @param host a host name, an IPv4 address, or an IPv6 address without brackets
 * @param port the TCP port
 * @param database the database name
 * @param username the user to sign in as
 * @param password the password, or {@code null}
 * @param ssl {@code disable}, {@code require} (encrypted, any certificate) or {@code verify-full}
 *     (encrypted, a trusted certificate for this host name)
 */
public record DatabaseTarget(SqlDialect dialect, String host, int port, String database, String username,
        String password, String ssl) {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,252})?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$-][A-Za-z0-9_$.-]{0,62}");

    public DatabaseTarget {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(ssl, "ssl");
    }

    /**
     * Reads a credential.
     *
     * @throws IllegalArgumentException naming the field that is missing or invalid, never its value
     */
    public static DatabaseTarget of(Credential credential) {
        SqlDialect dialect = switch (credential.kind()) {
            case CredentialKinds.POSTGRES -> SqlDialect.POSTGRES;
            case CredentialKinds.MYSQL -> SqlDialect.MYSQL;
            default -> throw new IllegalArgumentException("A " + credential.kind() + " credential cannot open a database");
        };
        String host = required(credential, "host");
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!(host.contains(":") ? IPV6.matcher(host).matches() : HOST_NAME.matcher(host).matches())) {
            throw new IllegalArgumentException("The credential's host is not a valid host name or IP address");
        }
        int port = port(credential.fields().get("port"), dialect == SqlDialect.POSTGRES ? 5432 : 3306);
        String database = required(credential, "database");
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("The credential's database name may hold letters, digits, _, $, - and . only");
        }
        String ssl = credential.fields().getOrDefault("ssl", "require").strip().toLowerCase(Locale.ROOT);
        if (!ssl.equals("disable") && !ssl.equals("require") && !ssl.equals("verify-full")) {
            throw new IllegalArgumentException("The credential's ssl is one of disable, require, verify-full");
        }
        String password = credential.fields().get("password");
        return new DatabaseTarget(dialect, host.toLowerCase(Locale.ROOT), port, database, required(credential, "username"),
                password == null || password.isEmpty() ? null : password, ssl);
    }

    /** The host as written in a URL: IPv6 addresses in brackets. */
    public String hostForUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return "DatabaseTarget[" + dialect + " " + hostForUrl() + ":" + port + "/" + database + " as " + username
                + ", ssl=" + ssl + "]";
    }

    private static String required(Credential credential, String field) {
        String value = credential.fields().get(field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The credential has no " + field);
        }
        return value.strip();
    }

    private static int port(String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // Said below.
        }
        throw new IllegalArgumentException("The credential's port is not a number between 1 and 65535");
    }
}
