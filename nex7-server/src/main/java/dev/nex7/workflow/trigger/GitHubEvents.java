package dev.nex7.workflow.trigger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.nex7.integration.GitHubEventReceived;
import dev.nex7.project.ProjectId;
import dev.nex7.workflow.TriggerEvent;

/**
 * Makes GitHub's push, pull request and release deliveries available to event triggers as
 * {@code github.push}, {@code github.pull_request} and {@code github.release}, in the transaction that
 * stored the delivery (so a delivery starts each listening workflow exactly once). The payload has the
 * repository, the action, the ref with its branch or tag, the head commit and the delivery id, so a
 * trigger's filter can say {@code branch = "main"} or {@code action = "opened"}.
 */
@Component
class GitHubEvents {

    private static final Set<String> TRIGGERING = Set.of("push", "pull_request", "release");

    private final ApplicationEventPublisher events;

    GitHubEvents(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** A GitHub delivery as event triggers see it. */
    record GitHubTriggerEvent(ProjectId projectId, String type, Map<String, Object> payload) implements TriggerEvent {
    }

    @EventListener
    void on(GitHubEventReceived received) {
        if (!TRIGGERING.contains(received.event())) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("deliveryId", received.deliveryId());
        payload.put("repository", received.repository());
        payload.put("action", received.action());
        payload.put("ref", received.ref());
        String ref = received.ref() == null ? "" : received.ref();
        payload.put("branch", ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : null);
        payload.put("tag", ref.startsWith("refs/tags/") ? ref.substring("refs/tags/".length()) : null);
        payload.put("headSha", received.headSha());
        events.publishEvent(new GitHubTriggerEvent(received.projectId(), "github." + received.event(), payload));
    }
}
