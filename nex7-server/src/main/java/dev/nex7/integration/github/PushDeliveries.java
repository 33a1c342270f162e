package dev.nex7.integration.github;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nex7.project.ProjectId;

/**
 * The push deliveries of a project's repository as reconciliation reads and adds to them: the newest
 * push per branch, and the pushes reconciliation found itself ({@code reconcile:<sha>:<project>}:
 * a delivery id is unique across projects, and two projects may link the same repository).
 */
@Repository
class PushDeliveries {

    /** How many branches are compared per repository: those pushed to most recently. */
    private static final int MAX_BRANCHES = 20;

    /** The newest push delivery NEX7 stored for a branch. */
    record Push(String ref, String deliveryId, String headSha) {
    }

    private final JdbcClient jdbc;

    PushDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The id of the delivery reconciliation stores for a push of {@code sha} it found. */
    static String reconciledId(ProjectId project, String sha) {
        return "reconcile:" + sha + ":" + project.value();
    }

    /** The newest push per branch ({@code refs/heads/…}) of the project, branches pushed to most recently first. */
    List<Push> newestPerBranch(ProjectId project) {
        return jdbc.sql("""
                SELECT ref, delivery_id, after FROM (
                    SELECT DISTINCT ON (payload ->> 'ref') payload ->> 'ref' AS ref, delivery_id, payload ->> 'after' AS after, received_at
                      FROM integration_github_deliveries
                     WHERE project_id = :project AND event = 'push' AND payload ->> 'ref' LIKE 'refs/heads/%'
                     ORDER BY payload ->> 'ref', received_at DESC) newest
                 ORDER BY received_at DESC LIMIT :limit
                """)
                .param("project", project.value()).param("limit", MAX_BRANCHES)
                .query((row, index) -> new Push(row.getString("ref"), row.getString("delivery_id"), row.getString("after"))).list();
    }

    /** The newest push to {@code ref}, if NEX7 stored any. */
    Optional<Push> newest(ProjectId project, String ref) {
        return jdbc.sql("""
                SELECT delivery_id, payload ->> 'after' AS after FROM integration_github_deliveries
                 WHERE project_id = :project AND event = 'push' AND payload ->> 'ref' = :ref
                 ORDER BY received_at DESC LIMIT 1
                """)
                .param("project", project.value()).param("ref", ref)
                .query((row, index) -> new Push(ref, row.getString("delivery_id"), row.getString("after"))).optional();
    }

    /** Stores a push reconciliation found, as a delivery; false when it was stored before (by this instance or another). */
    boolean storeReconciled(ProjectId project, String deliveryId, String payload, Instant at) {
        return jdbc.sql("INSERT INTO integration_github_deliveries (delivery_id, project_id, event, action, payload, received_at) "
                        + "VALUES (:id, :project, 'push', NULL, CAST(:payload AS JSONB), :at) ON CONFLICT (delivery_id) DO NOTHING")
                .param("id", deliveryId).param("project", project.value()).param("payload", payload).param("at", at.atOffset(ZoneOffset.UTC))
                .update() == 1;
    }
}
