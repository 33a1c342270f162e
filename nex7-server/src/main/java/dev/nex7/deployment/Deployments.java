package dev.nex7.deployment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.deployment.DeploymentEvents.DeploymentFailed;
import dev.nex7.deployment.DeploymentEvents.DeploymentStarted;
import dev.nex7.deployment.DeploymentEvents.DeploymentSucceeded;
import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectNotFound;
import dev.nex7.project.ProjectRole;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployments store: every deployment of every project, whichever target built it, and the
 * events that tell the rest of NEX7 about them. A deployment moves {@code queued → building →
 * ready | error | canceled}; each move is stored and its event ({@link DeploymentStarted},
 * {@link DeploymentSucceeded}, {@link DeploymentFailed}) published in the same transaction, so a
 * workflow or a notification hears of it exactly when it is stored. A finished deployment stays
 * finished: a late or repeated report changes nothing and publishes nothing. A failed deployment's
 * log is analysed when it is stored; its root finding travels with the failure event.
 */
@Service
public class Deployments {

    private static final String COLUMNS = "id, project_id, target, external_id, status, trigger, environment, url, commit_sha, "
            + "commit_message, branch, root_category, root_message, created_at, started_at, finished_at";
    private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final LogAnalysis analysis;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;
    private final int maxLiveLogChars;

    Deployments(JdbcClient jdbc, ProjectAccess access, LogAnalysis analysis, ApplicationEventPublisher events, JsonMapper json,
            Clock clock, DeploymentSettings settings) {
        this.jdbc = jdbc;
        this.access = access;
        this.analysis = analysis;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.maxLiveLogChars = (int) Math.min(Integer.MAX_VALUE / 2, settings.sandbox().maxOutput().toBytes());
    }

    /**
     * Records a new deployment, {@link DeploymentStatus#QUEUED} (the local builder will pick it up) or
     * {@link DeploymentStatus#BUILDING} (a target reports it building; {@link DeploymentStarted} is published).
     */
    @Transactional
    public Deployment record(NewDeployment deployment, DeploymentStatus status) {
        if (status != DeploymentStatus.QUEUED && status != DeploymentStatus.BUILDING) {
            throw new IllegalArgumentException("a deployment is recorded queued or building, not " + status);
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        jdbc.sql("""
                INSERT INTO deployments (id, project_id, target, external_id, status, trigger, environment, commit_sha, commit_message,
                                         branch, created_by, created_at, started_at)
                VALUES (:id, :project, :target, :external, :status, :trigger, :environment, :sha, :message, :branch, :by, :now, :started)
                """)
                .param("id", id).param("project", deployment.projectId().value()).param("target", deployment.target())
                .param("external", deployment.externalId()).param("status", status.id()).param("trigger", deployment.trigger())
                .param("environment", deployment.environment()).param("sha", deployment.commitSha())
                .param("message", deployment.commitMessage()).param("branch", deployment.branch())
                .param("by", deployment.createdBy() == null ? null : deployment.createdBy().value()).param("now", now)
                .param("started", status == DeploymentStatus.BUILDING ? now : null)
                .update();
        Deployment recorded = find(new DeploymentId(id)).orElseThrow();
        if (status == DeploymentStatus.BUILDING) {
            publishStarted(recorded);
        }
        return recorded;
    }

    /**
     * Moves a queued deployment to building and publishes {@link DeploymentStarted}; empty when it is
     * not queued any more (someone else started, finished or canceled it).
     */
    @Transactional
    public Optional<Deployment> start(DeploymentId id) {
        int moved = jdbc.sql("UPDATE deployments SET status = 'building', started_at = :now WHERE id = :id AND status = 'queued'")
                .param("now", now()).param("id", id.value()).update();
        if (moved == 0) {
            return Optional.empty();
        }
        Deployment started = find(id).orElseThrow();
        publishStarted(started);
        return Optional.of(started);
    }

    /**
     * Ends a deployment: {@code READY} (with its URL, if it has one), {@code ERROR} (its log is analysed and
     * the root finding stored and published) or {@code CANCELED}. A deployment that already ended is
     * returned unchanged and nothing is published. The log given here is the deployment's log from
     * now on, whatever was appended while it built; when it does not simply continue that, readers
     * following the log are told to read it whole again.
     *
     * @param log the build log to keep (null keeps what is stored)
     */
    @Transactional
    public Deployment finish(DeploymentId id, DeploymentStatus status, String url, String log) {
        if (!status.finished()) {
            throw new IllegalArgumentException("a deployment finishes ready, error or canceled, not " + status);
        }
        Deployment current = jdbc.sql("SELECT " + COLUMNS + " FROM deployments WHERE id = :id FOR UPDATE").param("id", id.value())
                .query(Deployments::map).optional().orElseThrow(() -> new DeploymentNotFound(id));
        if (current.status().finished()) {
            return current;
        }
        String stored = jdbc.sql("SELECT build_log FROM deployments WHERE id = :id").param("id", id.value()).query(String.class)
                .optional().orElse(null);
        String kept = log != null ? log : stored;
        boolean rewritten = stored != null && !kept.startsWith(stored);
        List<Finding> findings = status == DeploymentStatus.ERROR && kept != null && !kept.isBlank()
                ? analysis.analyze(kept).findings()
                : List.of();
        Finding root = findings.stream().filter(Finding::root).findFirst().orElse(null);
        OffsetDateTime now = now();
        jdbc.sql("""
                UPDATE deployments SET status = :status, url = COALESCE(:url, url), build_log = :log, findings = CAST(:findings AS JSONB),
                       root_category = :category, root_message = :message, started_at = COALESCE(started_at, :now), finished_at = :now,
                       claimed_by = NULL, lease_until = NULL, log_head = NULL, log_dropped = 0,
                       log_version = log_version + :rewritten
                 WHERE id = :id
                """)
                .param("status", status.id()).param("url", url).param("log", kept).param("rewritten", rewritten ? 1 : 0)
                .param("findings", findings.isEmpty() ? null : json.writeValueAsString(findings))
                .param("category", root == null ? null : root.category().id())
                .param("message", root == null ? null : root.message())
                .param("now", now).param("id", id.value())
                .update();
        Deployment finished = find(id).orElseThrow();
        switch (status) {
            case READY -> events.publishEvent(new DeploymentSucceeded(finished.projectId(), id, finished.target(), finished.commitSha(),
                    finished.commitMessage(), finished.branch(), finished.url(),
                    finished.duration() == null ? 0 : finished.duration().toMillis()));
            case ERROR -> events.publishEvent(new DeploymentFailed(finished.projectId(), id, finished.target(), finished.commitSha(),
                    finished.commitMessage(), finished.branch(), finished.rootCategory(), finished.rootCause()));
            default -> {
                // a canceled deployment is nobody's failure: no event
            }
        }
        return finished;
    }

    /** The deployment, without an access check: for NEX7's own work (the builder, recovery). */
    public Optional<Deployment> find(DeploymentId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deployments WHERE id = :id").param("id", id.value()).query(Deployments::map)
                .optional();
    }

    /** The deployment a target knows by {@code externalId}, if NEX7 has recorded it. */
    public Optional<Deployment> findExternal(ProjectId project, String target, String externalId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deployments WHERE project_id = :project AND target = :target AND external_id = :external")
                .param("project", project.value()).param("target", target).param("external", externalId)
                .query(Deployments::map).optional();
    }

    /** The project's deployments of {@code target} that have not ended (queued or building), the newest {@code limit} of them. */
    public List<Deployment> unfinished(ProjectId project, String target, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM deployments WHERE project_id = :project AND target = :target AND status IN ('queued', 'building')
                ORDER BY created_at DESC LIMIT :limit
                """)
                .param("project", project.value()).param("target", target).param("limit", limit)
                .query(Deployments::map).list();
    }

    /**
     * The newest deployment of the project's {@code target} and {@code environment} that became ready
     * before {@code before} was created: what a rollback restores.
     */
    public Optional<Deployment> lastReadyBefore(Deployment before) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM deployments
                WHERE project_id = :project AND target = :target AND environment = :environment AND status = 'ready'
                  AND created_at < :created AND id <> :id
                ORDER BY created_at DESC LIMIT 1
                """)
                .param("project", before.projectId().value()).param("target", before.target())
                .param("environment", before.environment()).param("created", OffsetDateTime.ofInstant(before.createdAt(), ZoneOffset.UTC))
                .param("id", before.id().value())
                .query(Deployments::map).optional();
    }

    /** The deployment as a member of its project sees it. */
    public Deployment get(DeploymentId id, UserId user) {
        Deployment deployment = find(id).orElseThrow(() -> new DeploymentNotFound(id));
        try {
            access.require(deployment.projectId(), user, ProjectRole.VIEWER);
        } catch (ProjectNotFound notMember) {
            throw new DeploymentNotFound(id);
        }
        return deployment;
    }

    /** The project's deployments, newest first, {@code limit} of them created before {@code before} (null: the newest). */
    public List<Deployment> list(ProjectId project, UserId user, DeploymentStatus status, Instant before, int limit) {
        access.require(project, user, ProjectRole.VIEWER);
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM deployments
                WHERE project_id = :project AND (CAST(:status AS VARCHAR) IS NULL OR status = :status)
                  AND (CAST(:before AS TIMESTAMPTZ) IS NULL OR created_at < :before)
                ORDER BY created_at DESC LIMIT :limit
                """)
                .param("project", project.value()).param("status", status == null ? null : status.id())
                .param("before", before == null ? null : OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                .param("limit", limit)
                .query(Deployments::map).list();
    }

    /** The deployment's log and findings, without an access check: for NEX7's own work. */
    public DeploymentLog log(DeploymentId id) {
        return jdbc.sql("SELECT build_log, findings FROM deployments WHERE id = :id").param("id", id.value())
                .query((row, index) -> {
                    String findings = row.getString("findings");
                    return new DeploymentLog(id, row.getString("build_log"),
                            findings == null ? List.of() : json.readValue(findings, FINDINGS));
                })
                .optional().orElseThrow(() -> new DeploymentNotFound(id));
    }

    /**
     * Appends {@code text} to the log of a deployment that is building, within the live-log cap
     * ({@code nex7.deployment.sandbox.max-output}: the first half and the end are kept, see
     * {@link GrowingLog}). A short transaction per call (or the caller's): builders call it as
     * output arrives, never around a build, so nothing is held open while one runs.
     *
     * @param position the target's own place in its log after {@code text} ({@link #logPosition}), null to leave it
     * @return whether it was appended; false when the deployment is not building (it ended, or has not started)
     */
    @Transactional
    public boolean appendLog(DeploymentId id, String text, String position) {
        record Row(DeploymentStatus status, GrowingLog log) {
        }
        Row row = jdbc.sql("SELECT status, build_log, log_head, log_dropped FROM deployments WHERE id = :id FOR UPDATE")
                .param("id", id.value())
                .query((result, index) -> new Row(DeploymentStatus.of(result.getString("status")), new GrowingLog(result.getString("build_log"),
                        result.getObject("log_head", Integer.class), result.getLong("log_dropped"))))
                .optional().orElseThrow(() -> new DeploymentNotFound(id));
        if (row.status() != DeploymentStatus.BUILDING) {
            return false;
        }
        GrowingLog.Grown grown = row.log().append(text, maxLiveLogChars);
        jdbc.sql("""
                UPDATE deployments SET build_log = :log, log_head = :head, log_dropped = :dropped, log_version = log_version + :rewritten,
                       log_position = COALESCE(:position, log_position)
                 WHERE id = :id
                """)
                .param("log", grown.log().text()).param("head", grown.log().head()).param("dropped", grown.log().dropped())
                .param("rewritten", grown.rewritten() ? 1 : 0).param("position", position).param("id", id.value())
                .update();
        return true;
    }

    /** The target's own place in the log of a deployment, as the last {@link #appendLog} left it. */
    public Optional<String> logPosition(DeploymentId id) {
        return jdbc.sql("SELECT log_position FROM deployments WHERE id = :id").param("id", id.value()).query(String.class).optional();
    }

    /**
     * The deployment's log for a member of its project following it: what came after {@code after},
     * or the whole log when {@code after} is null or the stored text was rewritten since (then
     * {@link LogProgress#reset()} says so: never a splice of two versions). The text after the
     * cursor is cut out by the database, so following a long log costs only what is new.
     */
    public LogProgress follow(DeploymentId id, UserId user, LogCursor after) {
        get(id, user);
        return jdbc.sql("""
                SELECT status, findings, log_version, char_length(COALESCE(build_log, '')) AS length,
                       CASE WHEN :whole OR log_version <> :version OR char_length(COALESCE(build_log, '')) < :offset THEN build_log
                            ELSE substring(build_log FROM :offset + 1) END AS text,
                       (NOT :whole AND (log_version <> :version OR char_length(COALESCE(build_log, '')) < :offset)) AS reset
                  FROM deployments WHERE id = :id
                """)
                .param("whole", after == null).param("version", after == null ? 0 : after.version())
                .param("offset", after == null ? 0 : after.offset()).param("id", id.value())
                .query((row, index) -> {
                    String findings = row.getString("findings");
                    String text = row.getString("text");
                    return new LogProgress(id, DeploymentStatus.of(row.getString("status")), text == null && after != null ? "" : text,
                            new LogCursor(row.getInt("log_version"), row.getInt("length")), row.getBoolean("reset"),
                            findings == null ? List.of() : json.readValue(findings, FINDINGS));
                })
                .optional().orElseThrow(() -> new DeploymentNotFound(id));
    }

    private void publishStarted(Deployment deployment) {
        events.publishEvent(new DeploymentStarted(deployment.projectId(), deployment.id(), deployment.target(), deployment.commitSha(),
                deployment.commitMessage(), deployment.branch(), deployment.trigger()));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static Deployment map(ResultSet row, int index) throws SQLException {
        return new Deployment(new DeploymentId(row.getObject("id", UUID.class)), new ProjectId(row.getObject("project_id", UUID.class)),
                row.getString("target"), row.getString("external_id"), DeploymentStatus.of(row.getString("status")),
                row.getString("trigger"), row.getString("environment"), row.getString("url"), row.getString("commit_sha"),
                row.getString("commit_message"), row.getString("branch"), row.getString("root_category"), row.getString("root_message"),
                instant(row.getTimestamp("created_at")), instant(row.getTimestamp("started_at")), instant(row.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
