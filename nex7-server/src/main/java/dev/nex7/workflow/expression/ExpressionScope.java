package dev.nex7.workflow.expression;

import java.util.Map;

/**
 * What an expression can see. Every value is plain JSON (maps, lists, strings, numbers, booleans, null).
 *
 * @param input the current node's main input: {@code $input}, and also the context {@code $} so that
 *     {@code {{ body.id }}} means {@code {{ $input.body.id }}}
 * @param nodes the outputs of earlier nodes by node name: {@code $node["Webhook"].body}
 * @param execution facts about the running execution ({@code id}, ...): {@code $execution}
 * @param workflow facts about the workflow ({@code id}, {@code name}, ...): {@code $workflow}
 */
public record ExpressionScope(Object input, Map<String, Object> nodes, Map<String, Object> execution,
        Map<String, Object> workflow) {

    public ExpressionScope {
        nodes = nodes == null ? Map.of() : nodes;
        execution = execution == null ? Map.of() : execution;
        workflow = workflow == null ? Map.of() : workflow;
    }

    /** A scope with only {@code $input}. */
    public static ExpressionScope ofInput(Object input) {
        return new ExpressionScope(input, Map.of(), Map.of(), Map.of());
    }
}
