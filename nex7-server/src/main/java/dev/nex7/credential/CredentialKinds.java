package dev.nex7.credential;

import static dev.nex7.credential.CredentialField.choice;
import static dev.nex7.credential.CredentialField.email;
import static dev.nex7.credential.CredentialField.port;
import static dev.nex7.credential.CredentialField.secret;
import static dev.nex7.credential.CredentialField.text;
import static dev.nex7.credential.CredentialField.url;

import java.util.List;
import java.util.Optional;

/**
 * Every credential kind NEX7 knows, with its fields. Nodes and integrations name the kinds they
 * accept with these constants and read the fields by the names listed here.
 */
public final class CredentialKinds {

    /** {@code token}*: sent as {@code Authorization: Bearer <token>}. */
    public static final String HTTP_BEARER = "http-bearer";
    /** {@code username}, {@code password}*. */
    public static final String HTTP_BASIC = "http-basic";
    /** {@code name} (an HTTP header name), {@code value}*. */
    public static final String HTTP_HEADER = "http-header";
    /** {@code host}, {@code port}, {@code username}?, {@code password}*?, {@code security} (none|starttls|tls), {@code from}. */
    public static final String SMTP = "smtp";
    /** {@code host}, {@code port}, {@code database}, {@code username}, {@code password}*?, {@code ssl} (disable|require|verify-full). */
    public static final String POSTGRES = "postgres";
    /** {@code host}, {@code port}, {@code database}, {@code username}, {@code password}*?, {@code ssl} (disable|require|verify-full). */
    public static final String MYSQL = "mysql";
    /** {@code secret}*: signs or verifies webhook payloads. */
    public static final String HMAC = "hmac";
    /** {@code token}*: a GitHub personal access or app installation token. */
    public static final String GITHUB = "github";
    /** {@code token}*, {@code teamId}?. */
    public static final String VERCEL = "vercel";
    /** {@code apiKey}*, {@code baseUrl}?. */
    public static final String ANTHROPIC = "anthropic";
    /** {@code apiKey}*, {@code baseUrl}?. */
    public static final String OPENAI = "openai";
    /**
     * {@code name} (a POSIX environment variable name), {@code value}*: a build variable kept in the
     * vault; recovery sets it on a deployment target whose build fails for want of it.
     */
    public static final String ENVIRONMENT_VARIABLE = "environment-variable";
    /** POSIX: letters, digits and underscores, not starting with a digit. */
    public static final String ENVIRONMENT_VARIABLE_NAME = "[A-Za-z_][A-Za-z0-9_]*";

    private static final String[] SSL_MODES = {"disable", "require", "verify-full"};
    /** RFC 9110 token characters: what a header name may be made of. */
    private static final String HEADER_NAME = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    private static final List<CredentialKind> ALL = List.of(
            new CredentialKind(HTTP_BEARER, "HTTP bearer token", List.of(secret("token", "Token"))),
            new CredentialKind(HTTP_BASIC, "HTTP basic authentication",
                    List.of(text("username", "Username"), secret("password", "Password"))),
            new CredentialKind(HTTP_HEADER, "HTTP header",
                    List.of(text("name", "Header name").matching(HEADER_NAME), secret("value", "Header value"))),
            new CredentialKind(SMTP, "SMTP server", List.of(text("host", "Host"), port(587),
                    text("username", "Username").optional(), secret("password", "Password").optional(),
                    choice("security", "Security", "starttls", "none", "starttls", "tls"), email("from", "From address"))),
            database(POSTGRES, "PostgreSQL", 5432),
            database(MYSQL, "MySQL", 3306),
            new CredentialKind(HMAC, "HMAC signing secret", List.of(secret("secret", "Secret"))),
            new CredentialKind(GITHUB, "GitHub", List.of(secret("token", "Token"))),
            new CredentialKind(VERCEL, "Vercel", List.of(secret("token", "Token"), text("teamId", "Team id").optional())),
            new CredentialKind(ANTHROPIC, "Anthropic",
                    List.of(secret("apiKey", "API key"), url("baseUrl", "Base URL").optional())),
            new CredentialKind(OPENAI, "OpenAI", List.of(secret("apiKey", "API key"), url("baseUrl", "Base URL").optional())),
            new CredentialKind(ENVIRONMENT_VARIABLE, "Environment variable",
                    List.of(text("name", "Variable name").matching(ENVIRONMENT_VARIABLE_NAME), secret("value", "Value"))));

    private CredentialKinds() {
    }

    private static CredentialKind database(String id, String label, int defaultPort) {
        return new CredentialKind(id, label, List.of(text("host", "Host"), port(defaultPort),
                text("database", "Database"), text("username", "Username"), secret("password", "Password").optional(),
                choice("ssl", "SSL", "require", SSL_MODES)));
    }

    /** Every kind, in the order the UI lists them. */
    public static List<CredentialKind> all() {
        return ALL;
    }

    public static Optional<CredentialKind> find(String id) {
        return ALL.stream().filter(kind -> kind.id().equals(id)).findFirst();
    }
}
