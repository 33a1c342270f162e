package dev.nex7.agent.node;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import dev.nex7.agent.AgentDefinition;
import dev.nex7.agent.AgentRegistry;
import dev.nex7.agent.AgentSettings;
import dev.nex7.llm.CallContext;
import dev.nex7.llm.ContentBlock;
import dev.nex7.llm.ModelCallFailed;
import dev.nex7.llm.ModelGateway;
import dev.nex7.llm.ModelMessage;
import dev.nex7.llm.ModelPreference;
import dev.nex7.llm.ModelRequest;
import dev.nex7.llm.ModelResponse;
import dev.nex7.llm.TextBlock;
import dev.nex7.llm.ToolResultBlock;
import dev.nex7.llm.ToolSpec;
import dev.nex7.llm.ToolUseBlock;
import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.PortType;
import dev.nex7.plugin.node.Schema;
import dev.nex7.workflow.ExecutionId;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.WorkflowService;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The "AI agent / LLM" node: one model call (through the gateway, metered to the run's person and
 * project) with a prompt built from expressions, optionally as one of the agents (its system prompt
 * and model preferences), optionally answering as structured data matching a JSON Schema, and
 * optionally calling chosen published workflows as tools (each as a sub-workflow of this run, so the
 * nesting limit stops loops). Its output carries the text, the structured answer and the usage.
 */
@Component
class AiAgentNode implements NodeType {

    static final String TYPE = "ai-agent";
    private static final String RESPOND = "respond";
    private static final int MAX_STEPS = 8;

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE, 1)
            .displayName("AI agent / LLM")
            .category("ai")
            .icon("sparkles")
            .description("Asks a language model (or one of NEX7's agents) and outputs its answer: text, structured data matching a "
                    + "JSON Schema, and the tokens and cost it took. It may call chosen published workflows as tools.")
            .input(Port.main())
            .output(Port.of(Port.MAIN, "Answer", PortType.OBJECT))
            .parameters(Schema.object()
                    .property("prompt", Schema.string().minLength(1).maxLength(100_000).editor("text").title("Prompt")
                            .description("What to ask; use {{ }} expressions for the input, e.g. Summarise: {{ body.text }}"), true)
                    .property("system", Schema.string().maxLength(50_000).editor("text").title("System prompt")
                            .description("Instructions before the prompt; added after the agent's own when an agent is chosen"), false)
                    .property("agent", Schema.string().maxLength(64).literal().title("Agent")
                            .description("An agent id (nexy, dev, designer, teacher, debugger, or a custom one): its system prompt and "
                                    + "model preferences apply"), false)
                    .property("model", Schema.string().maxLength(200).literal().title("Model")
                            .description("provider:model, e.g. anthropic:claude-sonnet-4-5 or openai:gpt-4.1; empty for the "
                                    + "agent's or the project's default"), false)
                    .property("outputSchema", Schema.map(Schema.any()).literal().title("Output schema")
                            .description("A JSON Schema: the answer is returned as data matching it (in output.data)"), false)
                    .property("workflows", Schema.array(Schema.string().format("uuid")).literal().title("Workflows as tools")
                            .description("Ids of published workflows (active version with a manual trigger) the model may call"), false)
                    .property("maxTokens", Schema.integer().minimum(16).maximum(32_000).defaultValue(1024).title("Most tokens"), false)
                    .property("temperature", Schema.number().minimum(0).maximum(1).title("Temperature"), false))
            .build();

    private final ModelGateway gateway;
    private final AgentRegistry agents;
    /** Looked up when a node runs: the workflow module's services need the node catalog, which holds this node. */
    private final org.springframework.beans.factory.ObjectProvider<WorkflowService> workflowService;
    private final AgentSettings settings;
    private final JsonMapper json;
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    AiAgentNode(ModelGateway gateway, AgentRegistry agents, org.springframework.beans.factory.ObjectProvider<WorkflowService> workflows,
            AgentSettings settings, JsonMapper json) {
        this.gateway = gateway;
        this.agents = agents;
        this.workflowService = workflows;
        this.settings = settings;
        this.json = json;
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    @SuppressWarnings("unchecked")
    public NodeOutcome execute(NodeContext context) throws Exception {
        Map<String, Object> parameters = context.parameters();
        WorkflowService workflows = workflowService.getObject();
        WorkflowService.RunningAs run = workflows.runningAs(ExecutionId.parse(context.executionId()))
                .orElseThrow(() -> NodeFailure.permanent("execution-gone", "The execution no longer exists."));
        Optional<String> agentId = text(parameters.get("agent"));
        Optional<AgentDefinition> agent = agentId.flatMap(id -> agents.find(id.toLowerCase(Locale.ROOT)));
        if (agentId.isPresent() && agent.isEmpty()) {
            throw NodeFailure.permanent("unknown-agent", "There is no agent " + agentId.get() + ".");
        }
        Map<String, Object> outputSchema = parameters.get("outputSchema") instanceof Map<?, ?> schema && !schema.isEmpty()
                ? (Map<String, Object>) schema : null;
        List<ToolSpec> tools = new ArrayList<>();
        Map<String, WorkflowId> workflowTools = new LinkedHashMap<>();
        if (parameters.get("workflows") instanceof List<?> ids) {
            for (Object id : ids) {
                WorkflowId workflowId = new WorkflowId(UUID.fromString(String.valueOf(id)));
                WorkflowService.PublishedWorkflow published = workflows.published(workflowId, run.actingUser()).orElseThrow(() ->
                        NodeFailure.permanent("workflow-not-published", "Workflow " + id + " is not published or not runnable by the "
                                + "person this run acts for."));
                String name = "workflow_" + published.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
                name = name.length() > 56 ? name.substring(0, 56) : name;
                if (workflowTools.containsKey(name)) {
                    name = name + "_" + workflowId.value().toString().substring(0, 6);
                }
                workflowTools.put(name, workflowId);
                tools.add(new ToolSpec(name, published.description() == null || published.description().isBlank()
                        ? "Runs the workflow \"" + published.name() + "\" and returns its result." : published.description(), published.inputSchema()));
            }
        }
        if (outputSchema != null) {
            tools.add(new ToolSpec(RESPOND, "Give your final answer as structured data. Call this once, when you are done.", outputSchema));
        }
        StringBuilder system = new StringBuilder(agent.map(AgentDefinition::systemPrompt).orElse(""));
        text(parameters.get("system")).ifPresent(extra -> system.append(system.isEmpty() ? "" : "\n\n").append(extra));
        if (outputSchema != null) {
            system.append(system.isEmpty() ? "" : "\n\n").append("Answer by calling the respond tool with data matching its schema.");
        }
        List<String> models = new ArrayList<>();
        text(parameters.get("model")).ifPresent(models::add);
        agent.ifPresent(a -> models.addAll(a.models()));
        int maxTokens = parameters.get("maxTokens") instanceof Number number ? number.intValue() : 1024;
        Double temperature = parameters.get("temperature") instanceof Number number ? number.doubleValue() : null;
        CallContext call = new CallContext(run.actingUser(), run.projectId(), agent.map(AgentDefinition::id).orElse(null), "workflow-node");

        List<ModelMessage> messages = new ArrayList<>(List.of(ModelMessage.user(String.valueOf(parameters.get("prompt")))));
        long inputTokens = 0;
        long outputTokens = 0;
        BigDecimal cost = BigDecimal.ZERO;
        List<Map<String, Object>> toolCalls = new ArrayList<>();
        ModelResponse response = null;
        Object data = null;
        boolean repaired = false;
        for (int step = 0; step < MAX_STEPS; step++) {
            try {
                response = gateway.complete(new ModelRequest(call, system.isEmpty() ? null : system.toString(), messages, tools,
                        new ModelPreference(models), maxTokens, temperature));
            } catch (ModelCallFailed failed) {
                throw switch (failed.code()) {
                    case ModelCallFailed.PROVIDERS_UNAVAILABLE -> NodeFailure.retryable("llm-unavailable", failed.getMessage());
                    case ModelCallFailed.CANCELLED -> new InterruptedException("cancelled");
                    default -> NodeFailure.permanent("llm-" + failed.code(), failed.getMessage());
                };
            }
            inputTokens += response.usage().inputTokens();
            outputTokens += response.usage().outputTokens();
            cost = cost.add(response.costUsd() == null ? BigDecimal.ZERO : response.costUsd());
            messages.add(response.asMessage());
            List<ToolUseBlock> calls = response.toolCalls();
            Optional<ToolUseBlock> respond = calls.stream().filter(c -> c.name().equals(RESPOND)).findFirst();
            if (outputSchema != null && respond.isPresent()) {
                List<String> problems = check(outputSchema, respond.get().input());
                if (problems.isEmpty()) {
                    data = respond.get().input();
                    break;
                }
                if (repaired) {
                    throw NodeFailure.permanent("llm-output-invalid", "The model's answer does not match the output schema: "
                            + String.join("; ", problems));
                }
                repaired = true;
                messages.add(ModelMessage.user(List.of(new ToolResultBlock(respond.get().id(),
                        "That does not match the schema: " + String.join("; ", problems) + ". Call respond again with valid data.", true))));
                continue;
            }
            if (calls.isEmpty()) {
                if (outputSchema != null) {
                    data = parseAndCheck(response.text(), outputSchema);
                }
                break;
            }
            List<ContentBlock> results = new ArrayList<>();
            for (ToolUseBlock use : calls) {
                WorkflowId target = workflowTools.get(use.name());
                if (target == null) {
                    results.add(new ToolResultBlock(use.id(), "There is no tool " + use.name() + ".", true));
                    continue;
                }
                WorkflowService.RunOutcome outcome;
                try {
                    outcome = workflows.runPublishedFrom(run, target, use.input(), settings.workflowWait());
                } catch (dev.nex7.platform.ApiProblem refused) {
                    results.add(new ToolResultBlock(use.id(), refused.getMessage(), true));
                    continue;
                }
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("tool", use.name());
                record.put("executionId", outcome.executionId().toString());
                record.put("status", outcome.status());
                toolCalls.add(record);
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("status", outcome.status());
                answer.put("output", outcome.output());
                answer.put("error", outcome.error());
                results.add(new ToolResultBlock(use.id(), json.writeValueAsString(answer), !"succeeded".equals(outcome.status())));
            }
            messages.add(ModelMessage.user(results));
        }
        if (outputSchema != null && data == null) {
            throw NodeFailure.permanent("llm-output-missing", "The model did not give a structured answer within " + MAX_STEPS + " steps.");
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("text", response == null ? "" : response.text());
        output.put("data", data);
        output.put("stopReason", response == null ? null : response.stopReason().name().toLowerCase(Locale.ROOT));
        output.put("toolCalls", toolCalls);
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("inputTokens", inputTokens);
        usage.put("outputTokens", outputTokens);
        usage.put("costUsd", cost);
        usage.put("provider", response == null ? null : response.provider());
        usage.put("model", response == null ? null : response.model());
        output.put("usage", usage);
        context.log().info("Model " + usage.get("model") + ": " + inputTokens + " tokens in, " + outputTokens + " out");
        return NodeOutcome.emit(output);
    }

    private Object parseAndCheck(String text, Map<String, Object> schema) throws NodeFailure {
        String candidate = text.strip();
        int start = candidate.indexOf('{');
        int end = candidate.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw NodeFailure.permanent("llm-output-missing", "The model answered in text, not with data matching the output schema.");
        }
        Object data;
        try {
            data = json.readValue(candidate.substring(start, end + 1), Object.class);
        } catch (JacksonException unreadable) {
            throw NodeFailure.permanent("llm-output-invalid", "The model's answer is not valid JSON.");
        }
        List<String> problems = check(schema, data);
        if (!problems.isEmpty()) {
            throw NodeFailure.permanent("llm-output-invalid", "The model's answer does not match the output schema: " + String.join("; ", problems));
        }
        return data;
    }

    private List<String> check(Map<String, Object> schema, Object value) throws NodeFailure {
        try {
            return schemas.getSchema(json.valueToTree(schema)).validate(json.valueToTree(value)).stream().map(Error::toString).limit(10).toList();
        } catch (RuntimeException invalidSchema) {
            throw NodeFailure.permanent("invalid-output-schema", "The output schema is not a valid JSON Schema: " + invalidSchema.getMessage());
        }
    }

    private static Optional<String> text(Object value) {
        return value instanceof String string && !string.isBlank() ? Optional.of(string.strip()) : Optional.empty();
    }
}
