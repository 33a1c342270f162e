package dev.nex7.workflow.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.workflow.expression.ExpressionFailure;
import dev.nex7.workflow.expression.ExpressionScope;
import dev.nex7.workflow.expression.Expressions;

/**
 * Resolves the {@code {{ }}} expressions in a node's parameters against its input, earlier nodes'
 * outputs and the execution. Literal parameters (code, for example) pass through untouched, and values
 * that come out of an expression are never evaluated again.
 */
@Component
class ExpressionParameters implements NodeServices.ParameterResolver {

    private final Expressions expressions;

    ExpressionParameters(Expressions expressions) {
        this.expressions = expressions;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> resolve(Map<String, Object> parameters, Set<String> literal, Object input, Map<String, Object> nodes,
            Map<String, Object> execution, Map<String, Object> workflow) throws NodeFailure {
        if (!Expressions.containsExpression(parameters)) {
            return parameters;
        }
        Map<String, Object> evaluated = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (!literal.contains(name)) {
                evaluated.put(name, value);
            }
        });
        Map<String, Object> resolved;
        try {
            resolved = (Map<String, Object>) expressions.resolve(evaluated, new ExpressionScope(input, nodes, execution, workflow));
        } catch (ExpressionFailure failure) {
            throw NodeFailure.permanent("expression-" + failure.code(), failure.getMessage());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        parameters.forEach((name, value) -> result.put(name, literal.contains(name) ? value : resolved.get(name)));
        return result;
    }
}
