package dev.nex7.workflow.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.nex7.workflow.ExecutionId;

/**
 * Webhook callers waiting for a "respond to webhook" node of the execution they started. Lives on
 * the instance that took the request, which is also the instance that runs the execution (it is
 * leased to its starter).
 */
@Component
public class WebhookResponses {

    /** What the webhook caller gets. */
    public record Reply(int status, Map<String, List<String>> headers, Object body) {
    }

    private final ConcurrentHashMap<ExecutionId, CompletableFuture<Reply>> waiting = new ConcurrentHashMap<>();

    /** Registers interest before the execution starts, so that a fast execution cannot answer too early. */
    public CompletableFuture<Reply> expect(ExecutionId execution) {
        return waiting.computeIfAbsent(execution, id -> new CompletableFuture<>());
    }

    /** Answers the caller; false when nobody waits (not a webhook run, already answered, or another instance). */
    public boolean reply(ExecutionId execution, Reply reply) {
        CompletableFuture<Reply> future = waiting.remove(execution);
        return future != null && future.complete(reply);
    }

    public void forget(ExecutionId execution) {
        waiting.remove(execution);
    }

    /** Whether a caller still waits for this execution's answer. */
    boolean awaited(ExecutionId execution) {
        return waiting.containsKey(execution);
    }

    /** Called when an execution ends: whoever still waits learns that no response node answered. */
    void ended(ExecutionId execution, ExecutionStatus status, Object lastOutput) {
        CompletableFuture<Reply> future = waiting.remove(execution);
        if (future != null) {
            future.complete(status == ExecutionStatus.SUCCEEDED ? new Reply(200, Map.of(), lastOutput)
                    : new Reply(500, Map.of(), Map.of("executionId", execution.toString(), "status", status.id())));
        }
    }
}
