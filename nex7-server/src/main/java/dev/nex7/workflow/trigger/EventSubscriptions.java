package dev.nex7.workflow.trigger;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.nex7.project.ProjectId;
import dev.nex7.workflow.WorkflowId;

/**
 * Which active workflows listen for which events, by project: the event and error triggers of active
 * versions. Every finished execution publishes an event, so who listens is cached (the usual answer
 * is nobody): an activation on this instance clears the project's entries when it commits; one on
 * another instance is seen here within {@link #STALE_AFTER}, as if it had been made that much later.
 */
@Repository
class EventSubscriptions {

    static final Duration STALE_AFTER = Duration.ofSeconds(2);

    private record Listening(ProjectId project, Kind kind, String eventType) {
    }

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
    private final Cache<Listening, List<Subscription>> listening = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(STALE_AFTER)
            .build();

    EventSubscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes the workflow's subscriptions exactly {@code wanted}. */
    void replace(WorkflowId workflow, ProjectId project, List<Subscription> wanted) {
        forget(project);
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
        return listening.get(new Listening(project, kind, eventType), key -> List.copyOf(read(key)));
    }

    private List<Subscription> read(Listening wanted) {
        ProjectId project = wanted.project();
        Kind kind = wanted.kind();
        String eventType = wanted.eventType();
        return jdbc.sql("SELECT workflow_id, node_id, event_type FROM workflow_event_triggers "
                        + "WHERE project_id = :project AND kind = :kind AND event_type = :type ORDER BY workflow_id, node_id")
                .param("project", project.value()).param("kind", kind.id()).param("type", eventType)
                .query((row, index) -> new Subscription(new WorkflowId(row.getObject("workflow_id", UUID.class)),
                        row.getString("node_id"), kind, row.getString("event_type")))
                .list();
    }

    /** Clears the project's cached answers now and, when this runs in a transaction, again when it commits. */
    private void forget(ProjectId project) {
        Runnable clear = () -> listening.asMap().keySet().removeIf(key -> key.project().equals(project));
        clear.run();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    clear.run();
                }
            });
        }
    }

    List<Subscription> of(WorkflowId workflow) {
        return jdbc.sql("SELECT node_id, kind, event_type FROM workflow_event_triggers WHERE workflow_id = :workflow ORDER BY node_id")
                .param("workflow", workflow.value())
                .query((row, index) -> new Subscription(workflow, row.getString("node_id"),
                        Kind.valueOf(row.getString("kind").toUpperCase(java.util.Locale.ROOT)), row.getString("event_type")))
                .list();
    }
}
