package dev.nex7.workflow.trigger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nex7.workflow.WorkflowId;

/**
 * Finished executions (succeeded, failed, cancelled) as retention sees them. Every delete takes at
 * most {@code limit} rows, skipping rows another instance is deleting at the same moment, so that
 * no statement holds locks for long and instances pruning together share the work. Node runs go
 * with their execution (the foreign key cascades).
 */
@Repository
class FinishedExecutions {

    private static final String FINISHED = "status IN ('succeeded', 'failed', 'cancelled')";

    private final JdbcClient jdbc;

    FinishedExecutions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest execution of a workflow that is past its {@code keep} newest: where deleting starts. */
    record Boundary(Instant createdAt, UUID id) {
    }

    int deleteFinishedBefore(Instant cutoff, int limit) {
        return jdbc.sql("DELETE FROM workflow_executions WHERE id IN (SELECT id FROM workflow_executions "
                        + "WHERE finished_at < :cutoff AND " + FINISHED + " LIMIT :limit FOR UPDATE SKIP LOCKED)")
                .param("cutoff", Timestamp.from(cutoff)).param("limit", limit).update();
    }

    /** Workflows with more than {@code keep} executions, finished or not. */
    List<WorkflowId> workflowsWithMoreThan(int keep) {
        return jdbc.sql("SELECT workflow_id FROM workflow_executions GROUP BY workflow_id HAVING count(*) > :keep")
                .param("keep", keep).query(UUID.class).list().stream().map(WorkflowId::new).toList();
    }

    /** The first execution past the newest {@code keep} (newest first, by creation), if there is one. */
    Optional<Boundary> boundary(WorkflowId workflow, int keep) {
        return jdbc.sql("SELECT created_at, id FROM workflow_executions WHERE workflow_id = :workflow "
                        + "ORDER BY created_at DESC, id DESC OFFSET :keep LIMIT 1")
                .param("workflow", workflow.value()).param("keep", keep)
                .query((row, index) -> new Boundary(row.getTimestamp("created_at").toInstant(), row.getObject("id", UUID.class)))
                .optional();
    }

    /** Deletes finished executions of the workflow at or past the boundary. */
    int deleteFinishedFrom(WorkflowId workflow, Boundary boundary, int limit) {
        return jdbc.sql("DELETE FROM workflow_executions WHERE id IN (SELECT id FROM workflow_executions "
                        + "WHERE workflow_id = :workflow AND (created_at, id) <= (:createdAt, :id) AND " + FINISHED
                        + " LIMIT :limit FOR UPDATE SKIP LOCKED)")
                .param("workflow", workflow.value()).param("createdAt", Timestamp.from(boundary.createdAt()))
                .param("id", boundary.id()).param("limit", limit).update();
    }
}
