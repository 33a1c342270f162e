package dev.nex7.workflow.trigger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nex7.project.ProjectId;
import dev.nex7.workflow.WorkflowId;

/** The schedule triggers of active versions, with the next time each fires. */
@Repository
class Schedules {

    private static final String COLUMNS = "workflow_id, node_id, project_id, version, cron, timezone, recover, next_fire_at, last_fired_at";

    /**
     * One schedule trigger of an active version.
     *
     * @param recover what to do with times missed while no instance ran: {@code none}, {@code last} or {@code all}
     * @param nextFireAt the next time it is due (may be in the past after downtime)
     */
    record Schedule(WorkflowId workflowId, String nodeId, ProjectId projectId, int version, String cron, String timezone,
            String recover, Instant nextFireAt, Instant lastFiredAt) {
    }

    private final JdbcClient jdbc;

    Schedules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes the workflow's schedules exactly {@code wanted}. A schedule whose node keeps its cron and
     * time zone keeps its next fire time, so re-activating does not skip (or repeat) a time.
     */
    void replace(WorkflowId workflow, List<Schedule> wanted) {
        jdbc.sql("DELETE FROM workflow_schedules WHERE workflow_id = :workflow AND NOT (node_id = ANY(:nodes))")
                .param("workflow", workflow.value())
                .param("nodes", wanted.stream().map(Schedule::nodeId).toArray(String[]::new))
                .update();
        for (Schedule schedule : wanted) {
            jdbc.sql("""
                    INSERT INTO workflow_schedules (workflow_id, node_id, project_id, version, cron, timezone, recover, next_fire_at)
                    VALUES (:workflow, :node, :project, :version, :cron, :timezone, :recover, :next)
                    ON CONFLICT (workflow_id, node_id) DO UPDATE SET project_id = EXCLUDED.project_id, version = EXCLUDED.version,
                        recover = EXCLUDED.recover, cron = EXCLUDED.cron, timezone = EXCLUDED.timezone,
                        next_fire_at = CASE WHEN workflow_schedules.cron = EXCLUDED.cron AND workflow_schedules.timezone = EXCLUDED.timezone
                            THEN workflow_schedules.next_fire_at ELSE EXCLUDED.next_fire_at END
                    """)
                    .param("workflow", workflow.value())
                    .param("node", schedule.nodeId())
                    .param("project", schedule.projectId().value())
                    .param("version", schedule.version())
                    .param("cron", schedule.cron())
                    .param("timezone", schedule.timezone())
                    .param("recover", schedule.recover())
                    .param("next", Timestamp.from(schedule.nextFireAt()))
                    .update();
        }
    }

    List<Schedule> of(WorkflowId workflow) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflow_schedules WHERE workflow_id = :workflow ORDER BY node_id")
                .param("workflow", workflow.value()).query(this::map).list();
    }

    /**
     * Due schedules, locked until the transaction ends; schedules another instance is firing right now
     * are skipped. Run inside a transaction.
     */
    List<Schedule> claimDue(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflow_schedules WHERE next_fire_at <= :now "
                        + "ORDER BY next_fire_at LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("now", Timestamp.from(now)).param("limit", limit).query(this::map).list();
    }

    void advance(Schedule schedule, Instant next, Instant lastFired) {
        jdbc.sql("UPDATE workflow_schedules SET next_fire_at = :next, last_fired_at = coalesce(:last, last_fired_at) "
                        + "WHERE workflow_id = :workflow AND node_id = :node")
                .param("next", Timestamp.from(next))
                .param("last", lastFired == null ? null : Timestamp.from(lastFired))
                .param("workflow", schedule.workflowId().value())
                .param("node", schedule.nodeId())
                .update();
    }

    void delete(Schedule schedule) {
        jdbc.sql("DELETE FROM workflow_schedules WHERE workflow_id = :workflow AND node_id = :node")
                .param("workflow", schedule.workflowId().value()).param("node", schedule.nodeId()).update();
    }

    private Schedule map(ResultSet row, int index) throws SQLException {
        Timestamp last = row.getTimestamp("last_fired_at");
        return new Schedule(new WorkflowId(row.getObject("workflow_id", UUID.class)), row.getString("node_id"),
                new ProjectId(row.getObject("project_id", UUID.class)), row.getInt("version"), row.getString("cron"),
                row.getString("timezone"), row.getString("recover"), row.getTimestamp("next_fire_at").toInstant(),
                last == null ? null : last.toInstant());
    }
}
