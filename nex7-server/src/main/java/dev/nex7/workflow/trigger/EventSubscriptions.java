package dev.nex7.workflow.trigger;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nex7.project.ProjectId;
import dev.nex7.workflow.WorkflowId;

/** Which active workflows listen for which events, by project: the event and error triggers of active versions. */
@Repository
class EventSubscriptions {

    /** An event trigger listens for one event type; an error trigger for failures ({@link ErrorTriggers#EVENT_TYPE}). */
    enum Kind {
        EVENT, ERROR;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One trigger node of an active version. */
    record Subscription(WorkflowId workflowId, String nodeId, Kind kind, String eventType) {
    }

    private final JdbcClient jdbc;

    EventSubscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes the workflow's subscriptions exactly {@code wanted}. */
    void replace(WorkflowId workflow, ProjectId project, List<Subscription> wanted) {
        jdbc.sql("DELETE FROM workflow_event_triggers WHERE workflow_id = :workflow").param("workflow", workflow.value()).update();
        for (Subscription subscription : wanted) {
            jdbc.sql("INSERT INTO workflow_event_triggers (workflow_id, node_id, project_id, kind, event_type) "
                            + "VALUES (:workflow, :node, :project, :kind, :type)")
                    .param("workflow", workflow.value())
                    .param("node", subscription.nodeId())
                    .param("project", project.value())
                    .param("kind", subscription.kind().id())
                    .param("type", subscription.eventType())
                    .update();
        }
    }

    List<Subscription> listening(ProjectId project, Kind kind, String eventType) {
        return jdbc.sql("SELECT workflow_id, node_id, event_type FROM workflow_event_triggers "
                        + "WHERE project_id = :project AND kind = :kind AND event_type = :type ORDER BY workflow_id, node_id")
                .param("project", project.value()).param("kind", kind.id()).param("type", eventType)
                .query((row, index) -> new Subscription(new WorkflowId(row.getObject("workflow_id", UUID.class)),
                        row.getString("node_id"), kind, row.getString("event_type")))
                .list();
    }

    List<Subscription> of(WorkflowId workflow) {
        return jdbc.sql("SELECT node_id, kind, event_type FROM workflow_event_triggers WHERE workflow_id = :workflow ORDER BY node_id")
                .param("workflow", workflow.value())
                .query((row, index) -> new Subscription(workflow, row.getString("node_id"),
                        Kind.valueOf(row.getString("kind").toUpperCase(java.util.Locale.ROOT)), row.getString("event_type")))
                .list();
    }
}
