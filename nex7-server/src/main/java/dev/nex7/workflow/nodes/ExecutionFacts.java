package dev.nex7.workflow.nodes;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.nex7.plugin.node.NodeContext;

/** What the Code and Transform nodes tell a script or expression about the run: {@code {id, workflowId, nodeId}}. */
final class ExecutionFacts {

    private ExecutionFacts() {
    }

    static Map<String, Object> of(NodeContext context) {
        Map<String, Object> execution = new LinkedHashMap<>();
        execution.put("id", context.executionId());
        execution.put("workflowId", context.workflowId());
        execution.put("nodeId", context.nodeId());
        return execution;
    }
}
