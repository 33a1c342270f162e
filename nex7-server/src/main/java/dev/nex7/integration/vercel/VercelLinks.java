package dev.nex7.integration.vercel;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.credential.CredentialId;
import dev.nex7.credential.CredentialKinds;
import dev.nex7.credential.CredentialUnavailable;
import dev.nex7.credential.CredentialVault;
import dev.nex7.identity.UserId;
import dev.nex7.integration.IntegrationSettings;
import dev.nex7.integration.OutboundRequest;
import dev.nex7.platform.ApiProblem;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.platform.secret.Sealed;
import dev.nex7.platform.secret.SealedRecords;
import dev.nex7.platform.secret.SecretBox;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectEvents.ProjectDeleted;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;

/**
 * A project's Vercel deployment target: the Vercel project id and team, the token (a {@code vercel}
 * credential of the project's vault) and the secret Vercel signs webhook events with (sealed at rest,
 * never shown again). Owners link and unlink; members see the link without its secret.
 */
@Service
public class VercelLinks implements SealedRecords {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /** A link as shown: never the secret. */
    public record Link(ProjectId projectId, String vercelProjectId, String teamId, UUID credentialId, boolean signed, Instant createdAt) {
    }

    static final class NotLinked extends ApiProblem {
        NotLinked() {
            super(HttpStatus.NOT_FOUND, "vercel-not-linked", "No Vercel project linked", "This project has no linked Vercel project.");
        }
    }

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final CredentialVault vault;
    private final SecretBox box;
    private final IntegrationSettings settings;
    private final Clock clock;

    VercelLinks(JdbcClient jdbc, ProjectAccess access, CredentialVault vault, SecretBox box, IntegrationSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.vault = vault;
        this.box = box;
        this.settings = settings;
        this.clock = clock;
    }

    /** Links (or re-links) the project's Vercel project; {@code webhookSecret} is the one Vercel showed for the webhook. */
    @Transactional
    public Link link(ProjectId project, UserId user, String vercelProjectId, String teamId, UUID credentialId, String webhookSecret) {
        access.require(project, user, ProjectRole.OWNER);
        List<ApiProblem.FieldError> problems = new ArrayList<>();
        if (vercelProjectId == null || !ID.matcher(vercelProjectId).matches()) {
            problems.add(new ApiProblem.FieldError("vercelProjectId", "the Vercel project's id (prj_…) or name"));
        }
        if (teamId != null && !teamId.isBlank() && !ID.matcher(teamId).matches()) {
            problems.add(new ApiProblem.FieldError("teamId", "the Vercel team's id (team_…)"));
        }
        if (webhookSecret != null && (webhookSecret.length() < 16 || webhookSecret.length() > 256)) {
            problems.add(new ApiProblem.FieldError("webhookSecret", "the secret Vercel showed for the webhook (16 to 256 characters)"));
        }
        if (credentialId != null && vault.find(project, new CredentialId(credentialId))
                .filter(found -> found.kind().equals(CredentialKinds.VERCEL)).isEmpty()) {
            problems.add(new ApiProblem.FieldError("credentialId", "a Vercel credential of this project"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        Sealed sealed = webhookSecret == null ? null : box.seal(webhookSecret, context(project));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String team = teamId == null || teamId.isBlank() ? null : teamId;
        jdbc.sql("INSERT INTO integration_vercel_links (project_id, vercel_project_id, team_id, credential_id, key_id, sealed_secret, created_by, "
                        + "created_at) VALUES (:project, :vercel, :team, :credential, :key, :sealed, :by, :at) ON CONFLICT (project_id) DO UPDATE SET "
                        + "vercel_project_id = EXCLUDED.vercel_project_id, team_id = EXCLUDED.team_id, credential_id = EXCLUDED.credential_id, "
                        + "key_id = EXCLUDED.key_id, sealed_secret = EXCLUDED.sealed_secret, created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at")
                .param("project", project.value()).param("vercel", vercelProjectId).param("team", team).param("credential", credentialId)
                .param("key", sealed == null ? null : sealed.keyId()).param("sealed", sealed == null ? null : sealed.ciphertext())
                .param("by", user.value()).param("at", now.atOffset(ZoneOffset.UTC)).update();
        return new Link(project, vercelProjectId, team, credentialId, sealed != null, now);
    }

    public Link get(ProjectId project, UserId user) {
        access.require(project, user, ProjectRole.VIEWER);
        return find(project).orElseThrow(NotLinked::new);
    }

    /** The project's link, without an access check: for NEX7's own work. */
    public Optional<Link> find(ProjectId project) {
        return jdbc.sql("SELECT * FROM integration_vercel_links WHERE project_id = :project").param("project", project.value())
                .query((row, index) -> link(row)).optional();
    }

    /** Every link with a token, oldest first: the projects NEX7 can ask Vercel about. */
    public List<Link> withToken() {
        return jdbc.sql("SELECT * FROM integration_vercel_links WHERE credential_id IS NOT NULL ORDER BY created_at")
                .query((row, index) -> link(row)).list();
    }

    /**
     * A request to Vercel's REST API about a linked project: {@code path} below the API address, the
     * {@code query} parameters (encoded here) plus the team the project belongs to, and the project's
     * token as a bearer token. For NEX7's own work: no access check.
     *
     * @throws IllegalArgumentException when the link has no token ({@link Link#credentialId()} is null)
     * @throws CredentialUnavailable when its credential cannot be opened
     */
    public OutboundRequest.Builder api(Link link, String method, String path, Map<String, String> query) {
        if (link.credentialId() == null) {
            throw new IllegalArgumentException("The Vercel link of project " + link.projectId() + " has no token");
        }
        var credential = vault.open(link.projectId(), new CredentialId(link.credentialId()), List.of(CredentialKinds.VERCEL));
        String team = link.teamId() != null ? link.teamId() : blankToNull(credential.fields().get("teamId"));
        Map<String, String> parameters = new java.util.LinkedHashMap<>(query);
        if (team != null) {
            parameters.put("teamId", team);
        }
        String encoded = parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(settings.vercelApiUrl().toString().replaceAll("/+$", "") + path + (encoded.isEmpty() ? "" : "?" + encoded));
        return OutboundRequest.builder(method, uri).header("Accept", "application/json")
                .header("Authorization", "Bearer " + credential.fields().get("token"));
    }

    @Transactional
    public void unlink(ProjectId project, UserId user) {
        access.require(project, user, ProjectRole.OWNER);
        if (jdbc.sql("DELETE FROM integration_vercel_links WHERE project_id = :project").param("project", project.value()).update() == 0) {
            throw new NotLinked();
        }
    }

    /** The projects linked to a Vercel project, with their webhook secrets (those that have one). */
    List<Map.Entry<ProjectId, byte[]>> secretsFor(String vercelProjectId) {
        return jdbc.sql("SELECT project_id, key_id, sealed_secret FROM integration_vercel_links WHERE vercel_project_id = :vercel AND key_id IS NOT NULL")
                .param("vercel", vercelProjectId)
                .query((row, index) -> {
                    ProjectId project = new ProjectId(row.getObject("project_id", UUID.class));
                    return Map.entry(project, box.openString(new Sealed(row.getString("key_id"), row.getBytes("sealed_secret")), context(project))
                            .getBytes(StandardCharsets.UTF_8));
                }).list();
    }

    Optional<String> vercelProjectOf(ProjectId project) {
        return jdbc.sql("SELECT vercel_project_id FROM integration_vercel_links WHERE project_id = :project").param("project", project.value())
                .query(String.class).optional();
    }

    @ApplicationModuleListener
    void on(ProjectDeleted deleted) {
        jdbc.sql("DELETE FROM integration_vercel_links WHERE project_id = :project").param("project", deleted.projectId().value()).update();
        jdbc.sql("DELETE FROM integration_vercel_events WHERE project_id = :project").param("project", deleted.projectId().value()).update();
    }

    @Override
    public int reseal(SecretBox secrets) {
        int resealed = 0;
        for (var row : jdbc.sql("SELECT project_id, key_id, sealed_secret FROM integration_vercel_links WHERE key_id IS NOT NULL AND key_id <> :key "
                + "FOR UPDATE").param("key", secrets.activeKeyId()).query((r, i) -> new Object[] {r.getObject("project_id", UUID.class),
                        r.getString("key_id"), r.getBytes("sealed_secret")}).list()) {
            if (!secrets.canOpen((String) row[1])) {
                continue;
            }
            ProjectId project = new ProjectId((UUID) row[0]);
            Sealed sealed = secrets.seal(secrets.openString(new Sealed((String) row[1], (byte[]) row[2]), context(project)), context(project));
            jdbc.sql("UPDATE integration_vercel_links SET key_id = :key, sealed_secret = :sealed WHERE project_id = :project")
                    .param("key", sealed.keyId()).param("sealed", sealed.ciphertext()).param("project", project.value()).update();
            resealed++;
        }
        return resealed;
    }

    @Override
    public Set<String> keyIdsInUse() {
        return new LinkedHashSet<>(jdbc.sql("SELECT DISTINCT key_id FROM integration_vercel_links WHERE key_id IS NOT NULL").query(String.class).list());
    }

    private static Link link(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Link(new ProjectId(row.getObject("project_id", UUID.class)), row.getString("vercel_project_id"), row.getString("team_id"),
                row.getObject("credential_id", UUID.class), row.getString("key_id") != null,
                row.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String context(ProjectId project) {
        return "vercel-webhook-secret:" + project.value();
    }
}
