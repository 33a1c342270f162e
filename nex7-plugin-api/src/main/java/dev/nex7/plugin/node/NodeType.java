package dev.nex7.plugin.node;

import java.util.List;
import java.util.Map;

/**
 * A kind of node that can be placed on a workflow canvas: its description in the node catalog and
 * the code that runs it.
 *
 * <p>Implementations must be thread-safe and keep no state between calls: the same instance runs
 * many nodes of many executions at once, on virtual threads. Anything a run needs to remember while
 * it is suspended goes into {@link NodeOutcome.Suspended#state()}, which the engine stores durably.
 */
public interface NodeType {

    /** The catalog entry: names, ports, parameter schema and credential slots. Must be constant. */
    NodeDescriptor descriptor();

    /**
     * The output ports a node of this type has with the given parameters. Most types have fixed
     * ports and need not override this; a switch, for example, has one port per case.
     *
     * @param parameters the node's parameters as written in the definition (expressions unresolved)
     */
    default List<Port> outputs(Map<String, Object> parameters) {
        return descriptor().outputs();
    }

    /**
     * Whether a node with these parameters runs as soon as the first of its inputs arrives (a merge
     * in "first" mode) instead of when every connected input has arrived or been skipped. Inputs that
     * arrive later are ignored.
     */
    default boolean runsOnFirstInput(Map<String, Object> parameters) {
        return false;
    }

    /**
     * Runs one node. Called again with {@link NodeContext#resumption()} set when a run that
     * returned {@link NodeOutcome.Suspended} is woken up.
     *
     * @return what the node produced, on which ports
     * @throws NodeFailure when the node failed in a way it understands (retryable or not)
     * @throws Exception any other exception is treated as a failure; I/O problems are retryable,
     *     everything else is not
     */
    NodeOutcome execute(NodeContext context) throws Exception;
}
