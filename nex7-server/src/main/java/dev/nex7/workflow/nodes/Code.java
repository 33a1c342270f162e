package dev.nex7.workflow.nodes;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.Schema;
import dev.nex7.workflow.code.JavaScriptSandbox;
import dev.nex7.workflow.code.ScriptFailure;
import dev.nex7.workflow.code.ScriptResult;

/**
 * Runs the node's JavaScript in the {@link JavaScriptSandbox}. The script is the body of an async
 * function that sees {@code input} (the value on the main input) and {@code execution}
 * ({@code id}, {@code workflowId}, {@code nodeId}); what it returns goes out on {@code main}, and its
 * {@code console} lines go to the node's log. The code parameter is literal: the engine never
 * evaluates {@code {{ }}} in it.
 *
 * <p>Failures are permanent (the same script fails the same way again), with the sandbox's codes:
 * {@code script-error}, {@code timeout}, {@code memory}, {@code too-large}.
 */
@Component
public final class Code implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("code", 1)
            .displayName("Code")
            .category("code")
            .icon("code")
            .description("Runs JavaScript in a sandbox. The script reads input and execution and returns the output.")
            .input(Port.main())
            .output(Port.main())
            .parameters(Schema.object()
                    .property("code", Schema.string().title("JavaScript")
                            .description("The body of an async function: use input and execution, return the output.")
                            .editor("javascript").literal().defaultValue("return input;"), true))
            .build();

    private final JavaScriptSandbox sandbox;

    public Code(JavaScriptSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeOutcome execute(NodeContext context) throws NodeFailure, InterruptedException {
        if (!(context.parameters().get("code") instanceof String code)) {
            throw NodeFailure.permanent("script-error", "The Code node has no JavaScript to run");
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("input", context.input());
        variables.put("execution", ExecutionFacts.of(context));
        try {
            ScriptResult result = sandbox.run(code, variables);
            result.logs().forEach(context.log()::info);
            return NodeOutcome.emit(result.value());
        } catch (ScriptFailure failure) {
            failure.logs().forEach(context.log()::info);
            throw NodeFailure.permanent(failure.code(), failure.getMessage());
        }
    }
}
