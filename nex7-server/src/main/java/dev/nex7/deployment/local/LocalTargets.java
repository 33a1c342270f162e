package dev.nex7.deployment.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Ref;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.deployment.DeploymentSettings;
import dev.nex7.identity.UserId;
import dev.nex7.platform.ApiProblem;
import dev.nex7.platform.ApiProblem.FieldError;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectEvents.ProjectDeleted;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;

/**
 * A project's local deployment target: a git repository on this machine (a path, or a {@code file:}
 * URL) whose branch NEX7 builds with the project's own install and build commands, in the build
 * sandbox. It is the embedded default that lets the whole loop (push, build, failure, proven fix,
 * commit, redeploy) run on one machine without any account. Owners link, test and unlink it; members
 * see it.
 *
 * <p>Because a local target runs its commands on this machine, an administrator can switch local
 * targets off ({@code nex7.deployment.local.enabled}) or confine the repositories to some directories
 * ({@code nex7.deployment.local.repository-roots}).
 */
@Service
public class LocalTargets {

    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]{1,255}");
    private static final int MAX_COMMAND = 2_000;

    /** A linked local target. */
    public record Target(ProjectId projectId, String repository, String branch, String installCommand, String buildCommand,
            boolean watch, String lastSeenSha, String fixSha, Instant linkedAt) {
    }

    /** What a test of the target found: the branch's head commit. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "LocalTargetCheck")
    public record Check(String branch, String headSha, String headMessage) {
    }

    /** The project has no local target. */
    public static final class NotLinked extends ApiProblem {
        NotLinked() {
            super(HttpStatus.NOT_FOUND, "local-target-not-linked", "No local deployment target",
                    "This project has no local deployment target.");
        }
    }

    /** Local targets are switched off on this server. */
    static final class Disabled extends ApiProblem {
        Disabled() {
            super(HttpStatus.FORBIDDEN, "local-targets-disabled", "Local deployment targets are off",
                    "The administrator switched local deployment targets off (nex7.deployment.local.enabled).");
        }
    }

    /** The repository cannot be read, or its branch does not exist. */
    public static final class Unreadable extends ApiProblem {
        public Unreadable(String detail) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, "local-target-unreadable", "The repository cannot be read", detail);
        }
    }

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final DeploymentSettings settings;
    private final Clock clock;

    LocalTargets(JdbcClient jdbc, ProjectAccess access, DeploymentSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.settings = settings;
        this.clock = clock;
    }

    /** Links (or re-links) the project's local target after checking that the repository and branch can be read. */
    @Transactional
    public Target link(ProjectId project, UserId user, String repository, String branch, String installCommand, String buildCommand,
            boolean watch) {
        access.require(project, user, ProjectRole.OWNER);
        if (!settings.local().enabled()) {
            throw new Disabled();
        }
        String chosenBranch = branch == null || branch.isBlank() ? "main" : branch.strip();
        String install = blankToNull(installCommand);
        String build = blankToNull(buildCommand);
        validate(repository, chosenBranch, install, build);
        String location = repository.strip();
        head(location, chosenBranch); // refuses what cannot be read, before anything is stored
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO deployment_local_targets (project_id, repository, branch, install_command, build_command, watch, last_seen_sha,
                                                      created_by, created_at, updated_at)
                VALUES (:project, :repository, :branch, :install, :build, :watch, NULL, :user, :now, :now)
                ON CONFLICT (project_id) DO UPDATE
                   SET repository = EXCLUDED.repository, branch = EXCLUDED.branch, install_command = EXCLUDED.install_command,
                       build_command = EXCLUDED.build_command, watch = EXCLUDED.watch,
                       last_seen_sha = CASE WHEN deployment_local_targets.repository = EXCLUDED.repository
                                             AND deployment_local_targets.branch = EXCLUDED.branch
                                            THEN deployment_local_targets.last_seen_sha END,
                       updated_at = EXCLUDED.updated_at
                """)
                .param("project", project.value()).param("repository", location).param("branch", chosenBranch)
                .param("install", install).param("build", build).param("watch", watch).param("user", user.value()).param("now", now)
                .update();
        return find(project).orElseThrow();
    }

    /** The project's local target, for a member. */
    public Target get(ProjectId project, UserId user) {
        access.require(project, user, ProjectRole.VIEWER);
        return find(project).orElseThrow(NotLinked::new);
    }

    /** Unlinks the project's local target (its deployments stay). */
    @Transactional
    public void unlink(ProjectId project, UserId user) {
        access.require(project, user, ProjectRole.OWNER);
        if (jdbc.sql("DELETE FROM deployment_local_targets WHERE project_id = :project").param("project", project.value()).update() == 0) {
            throw new NotLinked();
        }
    }

    /** Reads the branch's head commit: what a test of the link shows. */
    public Check test(ProjectId project, UserId user) {
        access.require(project, user, ProjectRole.EDITOR);
        Target target = find(project).orElseThrow(NotLinked::new);
        return head(target.repository(), target.branch());
    }

    /** The project's local target, without an access check: for NEX7's own work. */
    public Optional<Target> find(ProjectId project) {
        return jdbc.sql("SELECT * FROM deployment_local_targets WHERE project_id = :project").param("project", project.value())
                .query((row, index) -> new Target(project, row.getString("repository"), row.getString("branch"),
                        row.getString("install_command"), row.getString("build_command"), row.getBoolean("watch"),
                        row.getString("last_seen_sha"), row.getString("fix_sha"), row.getTimestamp("created_at").toInstant()))
                .optional();
    }

    /** The targets whose branch NEX7 watches for new commits. */
    List<Target> watched() {
        return jdbc.sql("SELECT project_id FROM deployment_local_targets WHERE watch ORDER BY project_id")
                .query((row, index) -> new ProjectId(row.getObject("project_id", UUID.class))).list().stream()
                .map(this::find).flatMap(Optional::stream).toList();
    }

    /**
     * Remembers {@code sha} as the branch head NEX7 has seen, if the stored one is still {@code expected}:
     * true when this caller moved it (so only one instance deploys a new head).
     */
    boolean advance(ProjectId project, String expected, String sha) {
        return jdbc.sql("""
                UPDATE deployment_local_targets SET last_seen_sha = :sha
                 WHERE project_id = :project AND last_seen_sha IS NOT DISTINCT FROM :expected
                """)
                .param("sha", sha).param("project", project.value()).param("expected", expected).update() == 1;
    }

    /**
     * The text of {@code path} at the head of the local target's branch, read from git (so only
     * committed files, and only inside the repository); empty when the file is not there or not text.
     */
    public Optional<String> readFile(ProjectId project, String path) {
        Target target = find(project).orElseThrow(NotLinked::new);
        return GitCommits.file(uri(target.repository()), target.branch(), path);
    }

    /** Tells the watcher that NEX7 itself is about to push {@code sha} (a proven fix) and will deploy it. */
    public void expectFix(ProjectId project, String sha) {
        jdbc.sql("UPDATE deployment_local_targets SET fix_sha = :sha WHERE project_id = :project").param("sha", sha)
                .param("project", project.value()).update();
    }

    /** The fix NEX7 expected was deployed (it is the last seen commit now) or was not pushed after all. */
    void settleFix(ProjectId project, String lastSeenSha) {
        jdbc.sql("UPDATE deployment_local_targets SET fix_sha = NULL, last_seen_sha = COALESCE(:sha, last_seen_sha) WHERE project_id = :project")
                .param("sha", lastSeenSha).param("project", project.value()).update();
    }

    /** Forgets the fix NEX7 expected to push (the push failed). */
    public void forgetFix(ProjectId project) {
        settleFix(project, null);
    }

    /** The head of {@code branch} in the repository at {@code location}, read with JGit. */
    Check head(String location, String branch) {
        String uri = uri(location);
        try {
            Ref ref = Git.lsRemoteRepository().setRemote(uri).setHeads(true).callAsMap().get("refs/heads/" + branch);
            if (ref == null) {
                throw new Unreadable("The repository has no branch " + branch + ".");
            }
            String sha = ref.getObjectId().name();
            return new Check(branch, sha, GitCommits.message(uri, sha).orElse(null));
        } catch (GitAPIException | RuntimeException failure) {
            if (failure instanceof ApiProblem problem) {
                throw problem;
            }
            throw new Unreadable("The repository at " + location + " cannot be read: " + failure.getMessage());
        }
    }

    /** The location as a URI JGit reads: a path becomes a {@code file:} URI. */
    public static String uri(String location) {
        return location.contains("://") ? location : Path.of(location).toUri().toString();
    }

    private void validate(String repository, String branch, String install, String build) {
        List<FieldError> errors = new ArrayList<>();
        if (repository == null || repository.isBlank()) {
            errors.add(new FieldError("repository", "is required: a path on this machine or a file: URL"));
        } else {
            repositoryProblem(repository.strip()).ifPresent(problem -> errors.add(new FieldError("repository", problem)));
        }
        if (!BRANCH.matcher(branch).matches() || branch.contains("..")) {
            errors.add(new FieldError("branch", "is not a branch name"));
        }
        if (build == null) {
            errors.add(new FieldError("buildCommand", "is required"));
        }
        for (String[] command : new String[][] {{"installCommand", install}, {"buildCommand", build}}) {
            if (command[1] != null && (command[1].length() > MAX_COMMAND || command[1].contains("\n") || command[1].contains("\0"))) {
                errors.add(new FieldError(command[0], "must be one line of at most " + MAX_COMMAND + " characters"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
    }

    private Optional<String> repositoryProblem(String repository) {
        Path path;
        try {
            if (repository.contains("://")) {
                URI uri = URI.create(repository);
                if (!"file".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))) {
                    return Optional.of("must be a path on this machine or a file: URL (remote repositories deploy through GitHub or Vercel)");
                }
                path = Path.of(uri);
            } else {
                path = Path.of(repository);
            }
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException bad) {
            return Optional.of("is not a path or file: URL");
        }
        if (!path.isAbsolute()) {
            return Optional.of("must be an absolute path");
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (java.io.IOException missing) {
            return Optional.of("does not exist on this machine");
        }
        if (!Files.isDirectory(real)) {
            return Optional.of("is not a directory");
        }
        List<Path> roots = settings.local().repositoryRoots();
        if (!roots.isEmpty() && roots.stream().map(LocalTargets::real).noneMatch(real::startsWith)) {
            return Optional.of("is outside the directories local targets may use (nex7.deployment.local.repository-roots)");
        }
        return Optional.empty();
    }

    private static Path real(Path root) {
        try {
            return root.toRealPath();
        } catch (java.io.IOException missing) {
            return root.toAbsolutePath().normalize();
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @ApplicationModuleListener
    void on(ProjectDeleted deleted) {
        jdbc.sql("DELETE FROM deployment_local_targets WHERE project_id = :project").param("project", deleted.projectId().value()).update();
    }
}
