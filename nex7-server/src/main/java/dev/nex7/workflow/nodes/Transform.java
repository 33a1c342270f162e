package dev.nex7.workflow.nodes;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.Schema;
import dev.nex7.workflow.expression.ExpressionFailure;
import dev.nex7.workflow.expression.ExpressionScope;
import dev.nex7.workflow.expression.Expressions;

/**
 * Reshapes the input with one JSONata expression; the expression's value is the output.
 *
 * <p>The expression is a literal parameter (written without braces, never resolved by the engine)
 * and sees {@code $input} (also as the context, so {@code items.price} works), {@code $execution}
 * ({@code id}, {@code workflowId}, {@code nodeId}) and the allow-listed {@code $env}. Outputs of
 * other nodes ({@code $node}) are not available inside it: put them into the input upstream, or use a
 * {@code {{ }}} expression in a Set node's field.
 *
 * <p>Failures are permanent, coded {@code expression-} plus the expression failure's code
 * ({@code expression-syntax}, {@code expression-timeout}, {@code expression-too-large},
 * {@code expression-forbidden}, {@code expression-error}).
 */
@Component
public final class Transform implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("transform", 1)
            .displayName("Transform")
            .category("data")
            .icon("shuffle")
            .description("Reshapes the input with a JSONata expression over $input and $execution.")
            .input(Port.main())
            .output(Port.main())
            .parameters(Schema.object()
                    .property("expression", Schema.string().title("JSONata expression")
                            .description("Evaluated against $input; its value is the output.")
                            .editor("jsonata").literal().minLength(1).defaultValue("$input"), true))
            .build();

    private final Expressions expressions;

    public Transform(Expressions expressions) {
        this.expressions = expressions;
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeOutcome execute(NodeContext context) throws NodeFailure {
        if (!(context.parameters().get("expression") instanceof String expression) || expression.isBlank()) {
            throw NodeFailure.permanent("expression-syntax", "The Transform node has no expression");
        }
        try {
            return NodeOutcome.emit(expressions.evaluate(expression,
                    new ExpressionScope(context.input(), Map.of(), ExecutionFacts.of(context), Map.of())));
        } catch (ExpressionFailure failure) {
            throw NodeFailure.permanent("expression-" + failure.code(), failure.getMessage());
        }
    }
}
