package dev.nex7.workflow.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

/**
 * Fans live execution events out to subscribers on this instance (the SSE streams). In-process by
 * design on one machine; the scale-out issue adds Redis pub/sub behind the same interface.
 */
@Component
public class LiveEvents {

    private final ConcurrentHashMap<String, Set<Consumer<LiveEvent>>> subscribers = new ConcurrentHashMap<>();

    public void publish(LiveEvent event) {
        deliver(event.executionId(), event);
        deliver(event.workflowId(), event);
    }

    private void deliver(String key, LiveEvent event) {
        Set<Consumer<LiveEvent>> listeners = subscribers.get(key);
        if (listeners != null) {
            listeners.forEach(listener -> listener.accept(event));
        }
    }

    /** Subscribes to an execution's or a workflow's events; run the returned action to unsubscribe. */
    public Runnable subscribe(String executionOrWorkflowId, Consumer<LiveEvent> listener) {
        subscribers.computeIfAbsent(executionOrWorkflowId, key -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> subscribers.computeIfPresent(executionOrWorkflowId, (key, listeners) -> {
            listeners.remove(listener);
            return listeners.isEmpty() ? null : listeners;
        });
    }
}
