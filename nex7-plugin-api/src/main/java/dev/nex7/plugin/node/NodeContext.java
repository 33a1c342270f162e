package dev.nex7.plugin.node;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Everything a node run may use. Valid only during the call it is passed to. */
public interface NodeContext {

    /** The execution this run belongs to. */
    String executionId();

    /** The workflow being executed. */
    String workflowId();

    /** The node's id in the definition. */
    String nodeId();

    /** The attempt number, starting at 1. */
    int attempt();

    /**
     * A key that is the same for every call of this attempt, also after a restart:
     * {@code executionId:nodeId:attempt} (plus the loop iteration inside a loop). Pass it to external
     * systems that deduplicate, so that a side effect is not done twice when the engine had to
     * re-run a node whose result was not recorded.
     */
    String idempotencyKey();

    /** The value on the {@value Port#MAIN} input port, or the trigger's payload for a trigger. */
    Object input();

    /** The values that arrived, per input port name. */
    Map<String, Object> inputs();

    /** The node's parameters with every {@code {{ }}} expression already evaluated. */
    Map<String, Object> parameters();

    /** The decrypted credential chosen for a slot, if any. */
    Optional<Credential> credential(String slot);

    /** Set when a suspended run is woken up; empty on the first call. */
    Optional<Resumption> resumption();

    NodeLogger log();

    Cancellation cancellation();

    /** The engine's clock: use it instead of the system clock so that tests can move time. */
    Clock clock();
}
