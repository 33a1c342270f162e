package dev.nex7.deployment.vercel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Repository;

import dev.nex7.project.ProjectEvents.ProjectDeleted;
import dev.nex7.project.ProjectId;

/**
 * One row per linked Vercel project saying when it is polled next, the ETag of the last list applied
 * whole and the failures since the last success. A poller claims a due row by moving its
 * {@code next_poll_at} past a lease in one statement ({@code FOR UPDATE SKIP LOCKED}), so instances
 * never poll a project at the same time, and a poller that dies leaves the row due again when its
 * lease ends.
 */
@Repository
class VercelPolls {

    private static final int MAX_ERROR = 1_000;

    /** A claimed project: its last ETag and how many polls failed in a row before this one. */
    record Claim(ProjectId projectId, String etag, int failures) {
    }

    private final JdbcClient jdbc;

    VercelPolls(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes the rows match the linked projects: a new link is due at once, an unlinked project is forgotten. */
    void watchOnly(Collection<ProjectId> linked, Instant now) {
        linked.forEach(project -> watch(project, now));
        if (linked.isEmpty()) {
            jdbc.sql("DELETE FROM deployment_vercel_polls").update();
        } else {
            jdbc.sql("DELETE FROM deployment_vercel_polls WHERE project_id NOT IN (:linked)")
                    .param("linked", linked.stream().map(ProjectId::value).toList()).update();
        }
    }

    /** Starts polling the project (due at once) unless it is polled already. */
    void watch(ProjectId project, Instant now) {
        jdbc.sql("INSERT INTO deployment_vercel_polls (project_id, next_poll_at) VALUES (:project, :now) ON CONFLICT (project_id) DO NOTHING")
                .param("project", project.value()).param("now", time(now)).update();
    }

    /** Claims the project polled longest ago among those due ({@code project} null), or {@code project} if it is due. */
    Optional<Claim> claim(ProjectId project, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                UPDATE deployment_vercel_polls SET next_poll_at = :lease
                 WHERE project_id = (SELECT project_id FROM deployment_vercel_polls
                                      WHERE next_poll_at <= :now AND (CAST(:project AS UUID) IS NULL OR project_id = :project)
                                      ORDER BY next_poll_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING project_id, etag, failures
                """)
                .param("lease", time(leaseUntil)).param("now", time(now)).param("project", project == null ? null : project.value())
                .query((row, index) -> new Claim(new ProjectId(row.getObject("project_id", UUID.class)), row.getString("etag"),
                        row.getInt("failures")))
                .optional();
    }

    /** The poll worked: {@code etag} is kept for the next one, due at {@code next}. */
    void succeeded(ProjectId project, String etag, Instant now, Instant next) {
        jdbc.sql("""
                UPDATE deployment_vercel_polls SET etag = :etag, next_poll_at = :next, failures = 0, last_error = NULL, last_polled_at = :now
                 WHERE project_id = :project
                """)
                .param("etag", etag).param("next", time(next)).param("now", time(now)).param("project", project.value()).update();
    }

    /** The poll failed for the {@code failures}th time in a row; the ETag stays, the next poll waits until {@code next}. */
    void failed(ProjectId project, int failures, String error, Instant now, Instant next) {
        jdbc.sql("""
                UPDATE deployment_vercel_polls SET failures = :failures, last_error = :error, next_poll_at = :next, last_polled_at = :now
                 WHERE project_id = :project
                """)
                .param("failures", failures).param("error", error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR))
                .param("next", time(next)).param("now", time(now)).param("project", project.value()).update();
    }

    @ApplicationModuleListener
    void on(ProjectDeleted deleted) {
        jdbc.sql("DELETE FROM deployment_vercel_polls WHERE project_id = :project").param("project", deleted.projectId().value()).update();
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
