package dev.nex7.mcp.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.identity.UserId;
import dev.nex7.mcp.McpSettings;
import dev.nex7.platform.ApiProblem;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;

/**
 * Issues, lists, revokes and checks MCP access tokens. A token is {@code nex7_mcp_} and 43 base64url
 * characters (256 random bits); only its SHA-256 hash is stored, so it is shown once, when issued. A
 * project token is issued by the project's owner and acts as that owner, in that project only; it stops
 * working when the owner loses the role (every call checks the roles again).
 */
@Service
public class McpTokens {

    /** What every token starts with, so that secret scanners and people recognise it. */
    public static final String PREFIX = "nex7_mcp_";
    private static final int MAX_NAME = 100;

    /** The token as issued: the secret itself, shown this once. */
    public record Issued(McpToken token, String secret) {
    }

    /** Who a presented token speaks for. {@code project} is null for a personal token. */
    public record Bearer(UUID tokenId, UserId user, ProjectId project) {
    }

    /** The user already holds the most tokens allowed. */
    static final class TooManyTokens extends ApiProblem {
        TooManyTokens(int max) {
            super(HttpStatus.CONFLICT, "mcp-token-limit", "Too many MCP tokens",
                    "A user may hold at most " + max + " MCP tokens; revoke one first.");
        }
    }

    /** No such token of this user (or project). */
    static final class TokenNotFound extends ApiProblem {
        TokenNotFound() {
            super(HttpStatus.NOT_FOUND, "mcp-token-not-found", "MCP token not found", "There is no such MCP token.");
        }
    }

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final McpSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    McpTokens(JdbcClient jdbc, ProjectAccess access, McpSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Issues a token for {@code user}, bound to {@code project} when given (the user must own it).
     *
     * @param lifetime how long it is valid; {@code null} for no expiry (refused when a maximum lifetime is set)
     */
    @Transactional
    public Issued issue(UserId user, ProjectId project, String name, Duration lifetime) {
        if (project != null) {
            access.require(project, user, ProjectRole.OWNER);
        }
        String checkedName = checkName(name);
        Duration max = settings.maxTokenLifetime();
        if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
            throw new InvalidRequest("expiresInDays", "A token's lifetime is at least one day.");
        }
        if (!max.isZero() && (lifetime == null || lifetime.compareTo(max) > 0)) {
            throw new InvalidRequest("expiresInDays", "A token may live at most " + max.toDays() + " days here.");
        }
        // Serialises the count check per user: two concurrent requests cannot both take the last place.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:key))").param("key", "mcp-tokens:" + user.value()).query().singleRow();
        long held = jdbc.sql("SELECT count(*) FROM mcp_tokens WHERE user_id = :user").param("user", user.value()).query(Long.class).single();
        if (held >= settings.maxTokensPerUser()) {
            throw new TooManyTokens(settings.maxTokensPerUser());
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        McpToken token = new McpToken(UUID.randomUUID(), user, project, checkedName, secret.substring(0, PREFIX.length() + 4), now,
                lifetime == null ? null : now.plus(lifetime), null);
        jdbc.sql("INSERT INTO mcp_tokens (id, user_id, project_id, name, token_hash, prefix, created_at, expires_at) "
                        + "VALUES (:id, :user, :project, :name, :hash, :prefix, :created, :expires)")
                .param("id", token.id()).param("user", user.value()).param("project", project == null ? null : project.value())
                .param("name", checkedName).param("hash", hash(secret)).param("prefix", token.prefix())
                .param("created", utc(now)).param("expires", token.expiresAt() == null ? null : utc(token.expiresAt()))
                .update();
        return new Issued(token, secret);
    }

    /** The user's personal tokens and the project tokens they issued, newest first. */
    public List<McpToken> personal(UserId user) {
        return jdbc.sql("SELECT * FROM mcp_tokens WHERE user_id = :user AND project_id IS NULL ORDER BY created_at DESC")
                .param("user", user.value()).query(McpTokens::map).list();
    }

    /** A project's tokens (its owners see them all), newest first. */
    public List<McpToken> ofProject(ProjectId project, UserId user) {
        access.require(project, user, ProjectRole.OWNER);
        return jdbc.sql("SELECT * FROM mcp_tokens WHERE project_id = :project ORDER BY created_at DESC")
                .param("project", project.value()).query(McpTokens::map).list();
    }

    /** Revokes one of the user's personal tokens. */
    @Transactional
    public void revokePersonal(UserId user, UUID id) {
        if (jdbc.sql("DELETE FROM mcp_tokens WHERE id = :id AND user_id = :user AND project_id IS NULL")
                .param("id", id).param("user", user.value()).update() == 0) {
            throw new TokenNotFound();
        }
    }

    /** Revokes one of a project's tokens (any owner of the project may). */
    @Transactional
    public void revokeOfProject(ProjectId project, UserId user, UUID id) {
        access.require(project, user, ProjectRole.OWNER);
        if (jdbc.sql("DELETE FROM mcp_tokens WHERE id = :id AND project_id = :project")
                .param("id", id).param("project", project.value()).update() == 0) {
            throw new TokenNotFound();
        }
    }

    /**
     * Who a presented token speaks for, if it is a live token; notes its use (at most once a minute, so
     * that busy clients do not write on every call).
     */
    public Optional<Bearer> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<McpToken> found = jdbc.sql("SELECT * FROM mcp_tokens WHERE token_hash = :hash").param("hash", hash(presented))
                .query(McpTokens::map).optional();
        if (found.isEmpty() || found.get().expiresAt() != null && !found.get().expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        McpToken token = found.get();
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minusSeconds(60))) {
            jdbc.sql("UPDATE mcp_tokens SET last_used_at = :now WHERE id = :id").param("now", utc(now)).param("id", token.id()).update();
        }
        return Optional.of(new Bearer(token.id(), token.user(), token.project()));
    }

    /** A deleted project's tokens go with it. */
    @org.springframework.modulith.events.ApplicationModuleListener
    void on(dev.nex7.project.ProjectEvents.ProjectDeleted event) {
        jdbc.sql("DELETE FROM mcp_tokens WHERE project_id = :project").param("project", event.projectId().value()).update();
    }

    private static String checkName(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_NAME) {
            throw new InvalidRequest("name", "A token's name is 1 to " + MAX_NAME + " characters.");
        }
        return stripped;
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static McpToken map(ResultSet row, int index) throws SQLException {
        UUID project = row.getObject("project_id", UUID.class);
        OffsetDateTime expires = row.getObject("expires_at", OffsetDateTime.class);
        OffsetDateTime used = row.getObject("last_used_at", OffsetDateTime.class);
        return new McpToken(row.getObject("id", UUID.class), new UserId(row.getObject("user_id", UUID.class)),
                project == null ? null : new ProjectId(project), row.getString("name"), row.getString("prefix"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(), expires == null ? null : expires.toInstant(),
                used == null ? null : used.toInstant());
    }
}
