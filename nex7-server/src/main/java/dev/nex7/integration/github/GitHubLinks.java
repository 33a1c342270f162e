package dev.nex7.integration.github;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

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
import dev.nex7.integration.OutboundHttp;
import dev.nex7.integration.OutboundHttpException;
import dev.nex7.integration.OutboundRequest;
import dev.nex7.integration.OutboundResponse;
import dev.nex7.platform.ApiProblem;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.platform.secret.Sealed;
import dev.nex7.platform.secret.SealedRecords;
import dev.nex7.platform.secret.SecretBox;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectEvents.ProjectDeleted;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A project's linked GitHub repository: owner/name, the token (a {@code github} credential of the
 * project's vault) and the secret GitHub signs its webhook deliveries with (sealed at rest, shown once
 * when NEX7 makes it). Owners link, test and unlink; members see the link without its secret.
 */
@Service
public class GitHubLinks implements SealedRecords {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,99})");
    private static final int MIN_SECRET = 16;

    /** A link as shown: never the secret. */
    public record Link(ProjectId projectId, String owner, String repo, UUID credentialId, Instant createdAt) {

        public String fullName() {
            return owner + "/" + repo;
        }
    }

    /** A new link, with the webhook secret shown this once when NEX7 made it. */
    public record Linked(Link link, String webhookSecret) {
    }

    /** What GitHub said about the repository with the project's token. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "GitHubCheck")
    public record Check(String fullName, String defaultBranch, boolean privateRepository) {
    }

    /** The project has no linked repository. */
    static final class NotLinked extends ApiProblem {
        NotLinked() {
            super(HttpStatus.NOT_FOUND, "github-not-linked", "No GitHub repository linked", "This project has no linked GitHub repository.");
        }
    }

    /** GitHub refused or could not be reached. */
    public static final class GitHubUnavailable extends ApiProblem {
        public GitHubUnavailable(String detail) {
            super(HttpStatus.BAD_GATEWAY, "github-check-failed", "GitHub did not confirm the link", detail);
        }
    }

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final CredentialVault vault;
    private final SecretBox box;
    private final OutboundHttp http;
    private final IntegrationSettings settings;
    private final JsonMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    GitHubLinks(JdbcClient jdbc, ProjectAccess access, CredentialVault vault, SecretBox box, OutboundHttp http, IntegrationSettings settings,
            JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.vault = vault;
        this.box = box;
        this.http = http;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Links (or re-links) the project's repository. Without a {@code webhookSecret}, NEX7 makes one and
     * returns it this once, to paste into the repository's webhook settings.
     */
    @Transactional
    public Linked link(ProjectId project, UserId user, String owner, String repo, UUID credentialId, String webhookSecret) {
        access.require(project, user, ProjectRole.OWNER);
        List<ApiProblem.FieldError> problems = new ArrayList<>();
        if (owner == null || !NAME.matcher(owner).matches()) {
            problems.add(new ApiProblem.FieldError("owner", "a GitHub user or organisation name"));
        }
        if (repo == null || !NAME.matcher(repo).matches()) {
            problems.add(new ApiProblem.FieldError("repo", "a repository name"));
        }
        if (webhookSecret != null && (webhookSecret.length() < MIN_SECRET || webhookSecret.length() > 256)) {
            problems.add(new ApiProblem.FieldError("webhookSecret", "16 to 256 characters, or absent to let NEX7 make one"));
        }
        if (credentialId != null && vault.find(project, new CredentialId(credentialId))
                .filter(found -> found.kind().equals(CredentialKinds.GITHUB)).isEmpty()) {
            problems.add(new ApiProblem.FieldError("credentialId", "a GitHub credential of this project"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        String secret = webhookSecret != null ? webhookSecret : newSecret();
        Sealed sealed = box.seal(secret, context(project));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("INSERT INTO integration_github_links (project_id, owner, repo, credential_id, key_id, sealed_secret, created_by, created_at) "
                        + "VALUES (:project, :owner, :repo, :credential, :key, :sealed, :by, :at) ON CONFLICT (project_id) DO UPDATE SET "
                        + "owner = EXCLUDED.owner, repo = EXCLUDED.repo, credential_id = EXCLUDED.credential_id, key_id = EXCLUDED.key_id, "
                        + "sealed_secret = EXCLUDED.sealed_secret, created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at")
                .param("project", project.value()).param("owner", owner).param("repo", repo).param("credential", credentialId)
                .param("key", sealed.keyId()).param("sealed", sealed.ciphertext()).param("by", user.value())
                .param("at", now.atOffset(ZoneOffset.UTC)).update();
        return new Linked(new Link(project, owner, repo, credentialId, now), webhookSecret == null ? secret : null);
    }

    /** The project's link, for its members. */
    public Link get(ProjectId project, UserId user) {
        access.require(project, user, ProjectRole.VIEWER);
        return find(project).orElseThrow(NotLinked::new);
    }

    @Transactional
    public void unlink(ProjectId project, UserId user) {
        access.require(project, user, ProjectRole.OWNER);
        if (jdbc.sql("DELETE FROM integration_github_links WHERE project_id = :project").param("project", project.value()).update() == 0) {
            throw new NotLinked();
        }
    }

    /** Asks GitHub for the repository with the project's token: does the link work? */
    public Check test(ProjectId project, UserId user) {
        access.require(project, user, ProjectRole.OWNER);
        Link link = find(project).orElseThrow(NotLinked::new);
        OutboundRequest.Builder request = api(project, "GET", "");
        OutboundResponse response;
        try {
            response = http.send(request.build());
        } catch (OutboundHttpException failed) {
            throw new GitHubUnavailable("GitHub could not be reached: " + failed.getMessage());
        }
        if (response.status() == 401 || response.status() == 403) {
            throw new GitHubUnavailable("GitHub refused the token (HTTP " + response.status() + ").");
        }
        if (response.status() == 404) {
            throw new GitHubUnavailable("GitHub knows no repository " + link.fullName() + " that the token can see.");
        }
        if (response.status() != 200) {
            throw new GitHubUnavailable("GitHub answered HTTP " + response.status() + ".");
        }
        JsonNode body = json.readTree(response.body());
        return new Check(body.path("full_name").asString(link.fullName()), body.path("default_branch").asString(null),
                body.path("private").asBoolean(false));
    }

    /**
     * A request to the GitHub REST API about the project's linked repository ({@code path} below
     * {@code /repos/{owner}/{repo}}), with the project's token and GitHub's versioned media type: for
     * NEX7's own work on the project (no access check; callers have done theirs).
     */
    public OutboundRequest.Builder api(ProjectId project, String method, String path) {
        Link link = find(project).orElseThrow(NotLinked::new);
        OutboundRequest.Builder request = OutboundRequest.builder(method, URI.create(settings.githubApiUrl().toString().replaceAll("/+$", "")
                        + "/repos/" + link.owner() + "/" + link.repo() + path))
                .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", "2022-11-28").maxResponseBytes(4L * 1024 * 1024);
        if (link.credentialId() != null) {
            try {
                String token = vault.open(project, new CredentialId(link.credentialId()), List.of(CredentialKinds.GITHUB)).fields().get("token");
                request.header("Authorization", "Bearer " + token);
            } catch (CredentialUnavailable gone) {
                throw new GitHubUnavailable("The linked GitHub credential is no longer usable: " + gone.getMessage());
            }
        }
        return request;
    }

    /** The project's link, without an access check: for NEX7's own work. */
    public Optional<Link> find(ProjectId project) {
        return jdbc.sql("SELECT * FROM integration_github_links WHERE project_id = :project").param("project", project.value())
                .query((row, index) -> link(row)).optional();
    }

    /** Every linked repository, oldest link first: what reconciliation looks at. */
    List<Link> all() {
        return jdbc.sql("SELECT * FROM integration_github_links ORDER BY created_at").query((row, index) -> link(row)).list();
    }

    private static Link link(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Link(new ProjectId(row.getObject("project_id", UUID.class)), row.getString("owner"), row.getString("repo"),
                row.getObject("credential_id", UUID.class), row.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    /** The projects linked to {@code owner/repo} (case-insensitive, as GitHub names are), with their secrets. */
    List<Map.Entry<ProjectId, byte[]>> secretsFor(String fullName) {
        String[] parts = fullName.split("/", 2);
        if (parts.length != 2) {
            return List.of();
        }
        return jdbc.sql("SELECT project_id, key_id, sealed_secret FROM integration_github_links WHERE lower(owner) = :owner AND lower(repo) = :repo")
                .param("owner", parts[0].toLowerCase(Locale.ROOT)).param("repo", parts[1].toLowerCase(Locale.ROOT))
                .query((row, index) -> {
                    ProjectId project = new ProjectId(row.getObject("project_id", UUID.class));
                    byte[] secret = box.openString(new Sealed(row.getString("key_id"), row.getBytes("sealed_secret")), context(project))
                            .getBytes(StandardCharsets.UTF_8);
                    return Map.entry(project, secret);
                }).list();
    }

    @ApplicationModuleListener
    void on(ProjectDeleted deleted) {
        jdbc.sql("DELETE FROM integration_github_links WHERE project_id = :project").param("project", deleted.projectId().value()).update();
        jdbc.sql("DELETE FROM integration_github_deliveries WHERE project_id = :project").param("project", deleted.projectId().value()).update();
    }

    @Override
    public int reseal(SecretBox secrets) {
        int resealed = 0;
        for (var row : jdbc.sql("SELECT project_id, key_id, sealed_secret FROM integration_github_links WHERE key_id <> :key FOR UPDATE")
                .param("key", secrets.activeKeyId()).query((r, i) -> new Object[] {r.getObject("project_id", UUID.class), r.getString("key_id"),
                        r.getBytes("sealed_secret")}).list()) {
            if (!secrets.canOpen((String) row[1])) {
                continue;
            }
            ProjectId project = new ProjectId((UUID) row[0]);
            String secret = secrets.openString(new Sealed((String) row[1], (byte[]) row[2]), context(project));
            Sealed sealed = secrets.seal(secret, context(project));
            jdbc.sql("UPDATE integration_github_links SET key_id = :key, sealed_secret = :sealed WHERE project_id = :project")
                    .param("key", sealed.keyId()).param("sealed", sealed.ciphertext()).param("project", project.value()).update();
            resealed++;
        }
        return resealed;
    }

    @Override
    public Set<String> keyIdsInUse() {
        return new LinkedHashSet<>(jdbc.sql("SELECT DISTINCT key_id FROM integration_github_links").query(String.class).list());
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String context(ProjectId project) {
        return "github-webhook-secret:" + project.value();
    }
}
