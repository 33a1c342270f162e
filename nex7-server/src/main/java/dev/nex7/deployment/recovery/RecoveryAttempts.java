package dev.nex7.deployment.recovery;

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

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.nex7.deployment.DeploymentId;
import dev.nex7.deployment.Finding;
import dev.nex7.project.ProjectId;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every fix NEX7 considered for a failed deployment: tried ones with their proof, and those it
 * skipped (below the threshold, or waiting for a person). This is the calibration record: per
 * strategy, how often a fix passed its proof and how often it was merged.
 */
@Component
public class RecoveryAttempts {

    /** What became of an attempt. */
    public static final String SKIPPED = "skipped";
    public static final String NEEDS_INPUT = "needs-input";
    public static final String PROVING = "proving";
    public static final String PROVEN = "proven";
    public static final String FAILED = "failed";
    public static final String REJECTED = "rejected";

    /** How much weight a strategy's stated confidence has against its record: as much as this many attempts. */
    private static final double PRIOR_WEIGHT = 4;

    /** One attempt as stored. */
    public record Attempt(UUID id, DeploymentId deploymentId, ProjectId projectId, String strategy, String source, double confidence,
            String rationale, Finding finding, String status, String diff, String buildOutput, Long buildMillis, Long proofMillis,
            String detail, String branch, String commitSha, String pullRequestUrl, Integer pullRequestNumber, boolean merged,
            DeploymentId redeploymentId, Instant createdAt, Instant finishedAt) {
    }

    /** A strategy's record. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "RecoveryCalibration")
    public record Calibration(String strategy, long tried, long proven, long merged, long skipped, double meanConfidence,
            Double provenRate, Double mergedRate) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    RecoveryAttempts(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    UUID start(DeploymentId deployment, ProjectId project, FixProposal proposal, String status) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO deployment_recovery_attempts (id, deployment_id, project_id, strategy, source, confidence, rationale, finding, status,
                                                          created_at, finished_at)
                VALUES (:id, :deployment, :project, :strategy, :source, :confidence, :rationale, CAST(:finding AS JSONB), :status, :now,
                        CASE WHEN :status IN ('skipped', 'needs-input') THEN CAST(:now AS TIMESTAMPTZ) END)
                """)
                .param("id", id).param("deployment", deployment.value()).param("project", project.value())
                .param("strategy", proposal.strategy()).param("source", proposal.source()).param("confidence", proposal.confidence())
                .param("rationale", proposal.rationale())
                .param("finding", proposal.finding() == null ? null : json.writeValueAsString(proposal.finding()))
                .param("status", status).param("now", now())
                .update();
        return id;
    }

    void proved(UUID attempt, String status, String diff, String buildOutput, Long buildMillis, Long proofMillis, String detail) {
        jdbc.sql("""
                UPDATE deployment_recovery_attempts
                   SET status = :status, diff = :diff, build_output = :output, build_millis = :build, proof_millis = :proof, detail = :detail,
                       finished_at = :now
                 WHERE id = :id
                """)
                .param("status", status).param("diff", diff).param("output", buildOutput).param("build", buildMillis)
                .param("proof", proofMillis).param("detail", detail).param("now", now()).param("id", attempt)
                .update();
    }

    void delivered(UUID attempt, String branch, String commitSha, String pullRequestUrl, Integer pullRequestNumber, boolean merged,
            DeploymentId redeployment) {
        jdbc.sql("""
                UPDATE deployment_recovery_attempts
                   SET branch = :branch, commit_sha = :sha, pull_request_url = :url, pull_request_number = :number, merged = :merged,
                       redeployment_id = :redeployment
                 WHERE id = :id
                """)
                .param("branch", branch).param("sha", commitSha).param("url", pullRequestUrl).param("number", pullRequestNumber)
                .param("merged", merged).param("redeployment", redeployment == null ? null : redeployment.value()).param("id", attempt)
                .update();
    }

    /** Marks the attempt whose pull request was merged; empty when no attempt opened that pull request. */
    Optional<Attempt> merged(ProjectId project, int pullRequestNumber) {
        List<UUID> ids = jdbc.sql("""
                UPDATE deployment_recovery_attempts SET merged = TRUE
                 WHERE project_id = :project AND pull_request_number = :number AND NOT merged
                RETURNING id
                """).param("project", project.value()).param("number", pullRequestNumber).query(UUID.class).list();
        return ids.isEmpty() ? Optional.empty() : find(ids.get(0));
    }

    Optional<Attempt> find(UUID id) {
        return jdbc.sql("SELECT * FROM deployment_recovery_attempts WHERE id = :id").param("id", id).query(this::map).optional();
    }

    /** The attempts for a failed deployment, oldest first. */
    public List<Attempt> of(DeploymentId deployment) {
        return jdbc.sql("SELECT * FROM deployment_recovery_attempts WHERE deployment_id = :deployment ORDER BY created_at, id")
                .param("deployment", deployment.value()).query(this::map).list();
    }

    /** Per strategy, in one project or (null) everywhere: tried, proven, merged, skipped. */
    public List<Calibration> calibration(ProjectId project) {
        return jdbc.sql("""
                SELECT strategy,
                       count(*) FILTER (WHERE status IN ('proven', 'failed', 'rejected')) AS tried,
                       count(*) FILTER (WHERE status = 'proven') AS proven,
                       count(*) FILTER (WHERE merged) AS merged,
                       count(*) FILTER (WHERE status IN ('skipped', 'needs-input')) AS skipped,
                       avg(confidence) AS mean_confidence
                  FROM deployment_recovery_attempts
                 WHERE CAST(:project AS UUID) IS NULL OR project_id = :project
                 GROUP BY strategy ORDER BY strategy
                """)
                .param("project", project == null ? null : project.value())
                .query((row, index) -> {
                    long tried = row.getLong("tried");
                    long proven = row.getLong("proven");
                    return new Calibration(row.getString("strategy"), tried, proven, row.getLong("merged"), row.getLong("skipped"),
                            row.getDouble("mean_confidence"), tried == 0 ? null : (double) proven / tried,
                            proven == 0 ? null : (double) row.getLong("merged") / proven);
                }).list();
    }

    /**
     * The confidence to act on: the generator's, pulled towards how often the strategy's fixes have
     * passed their proofs (everywhere), with the generator's word counting as {@value #PRIOR_WEIGHT}
     * attempts. A new strategy keeps its stated confidence; one whose fixes keep failing sinks below
     * the threshold and stops being tried.
     */
    double calibrated(String strategy, double stated) {
        long[] record = jdbc.sql("""
                SELECT count(*) FILTER (WHERE status IN ('proven', 'failed', 'rejected')) AS tried,
                       count(*) FILTER (WHERE status = 'proven') AS proven
                  FROM deployment_recovery_attempts WHERE strategy = :strategy
                """).param("strategy", strategy).query((row, index) -> new long[] {row.getLong("tried"), row.getLong("proven")}).single();
        return (PRIOR_WEIGHT * stated + record[1]) / (PRIOR_WEIGHT + record[0]);
    }

    private Attempt map(ResultSet row, int index) throws SQLException {
        String finding = row.getString("finding");
        UUID redeployment = row.getObject("redeployment_id", UUID.class);
        return new Attempt(row.getObject("id", UUID.class), new DeploymentId(row.getObject("deployment_id", UUID.class)),
                new ProjectId(row.getObject("project_id", UUID.class)), row.getString("strategy"), row.getString("source"),
                row.getDouble("confidence"), row.getString("rationale"), finding == null ? null : json.readValue(finding, Finding.class),
                row.getString("status"), row.getString("diff"), row.getString("build_output"), (Long) row.getObject("build_millis"),
                (Long) row.getObject("proof_millis"), row.getString("detail"), row.getString("branch"), row.getString("commit_sha"),
                row.getString("pull_request_url"), (Integer) row.getObject("pull_request_number"), row.getBoolean("merged"),
                redeployment == null ? null : new DeploymentId(redeployment), instant(row.getTimestamp("created_at")),
                instant(row.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
