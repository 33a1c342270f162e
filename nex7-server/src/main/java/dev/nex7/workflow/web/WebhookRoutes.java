package dev.nex7.workflow.web;

import java.time.Duration;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.nex7.workflow.WorkflowEvents;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.Workflow;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.nodes.WebhookTrigger;
import dev.nex7.workflow.persistence.WorkflowVersions;
import dev.nex7.workflow.persistence.Workflows;

/**
 * Which active workflow listens at a webhook token, cached so that a call costs no database read.
 * An activation, deactivation or deletion on this instance clears the cache at once; one made on
 * another instance is seen here within {@link #STALE_AFTER}.
 */
@Component
class WebhookRoutes {

    static final Duration STALE_AFTER = Duration.ofSeconds(5);

    /** The workflow, the active version's definition and its webhook trigger. */
    record Route(Workflow workflow, WorkflowDefinition definition, NodeDefinition trigger) {
    }

    private final Workflows workflows;
    private final WorkflowVersions versions;
    private final Cache<String, Optional<Route>> routes = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(STALE_AFTER).build();

    WebhookRoutes(Workflows workflows, WorkflowVersions versions) {
        this.workflows = workflows;
        this.versions = versions;
    }

    Optional<Route> find(String token) {
        return routes.get(token, this::load);
    }

    private Optional<Route> load(String token) {
        return workflows.findByWebhookToken(token).filter(found -> found.activeVersion() != null)
                .flatMap(workflow -> versions.find(workflow.id(), workflow.activeVersion())
                        .flatMap(version -> version.definition().nodes().stream().filter(node -> WebhookTrigger.TYPE.equals(node.type()))
                                .findFirst().map(trigger -> new Route(workflow, version.definition(), trigger))));
    }

    @EventListener
    void on(WorkflowEvents.WorkflowActivated changed) {
        routes.invalidateAll();
    }
}
