package dev.nex7.agent.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.nex7.agent.AgentDefinition;
import dev.nex7.agent.AgentSettings;
import dev.nex7.agent.AgentTools;
import dev.nex7.agent.Conversation;
import dev.nex7.agent.ProjectMemory;
import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentId;
import dev.nex7.deployment.DeploymentLog;
import dev.nex7.deployment.Deployments;
import dev.nex7.deployment.RepositoryFiles;
import dev.nex7.identity.UserId;
import dev.nex7.llm.ToolSpec;
import dev.nex7.mcp.McpTool;
import dev.nex7.mcp.McpToolResult;
import dev.nex7.mcp.McpToolbox;
import dev.nex7.platform.ApiProblem;
import dev.nex7.project.ProjectId;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.WorkflowService;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools an agent may use in a turn, and running them as the person: every tool acts with the
 * person's own project role, so an agent can do nothing its person could not. Tools that change
 * something (running a workflow, any MCP server's tool) wait for the person's confirmation. Tools
 * a project needs (workflows, executions, deployments, repository files, memory) are offered only in a
 * conversation bound to a project.
 */
@Component
class AgentToolbox {

    /** What a tool gave back; {@code error} results go to the model as failed tool results. */
    record Outcome(String content, boolean error) {
    }

    /** The tools offered for one model call, and how their model names map back to stored names. */
    record Offer(List<ToolSpec> specs, Map<String, String> storedByModelName) {

        String stored(String modelName) {
            return storedByModelName.getOrDefault(modelName, modelName);
        }
    }

    private static final Map<String, Object> NO_INPUT = Map.of("type", "object", "properties", Map.of());

    private final WorkflowService workflows;
    private final ProjectMemory memory;
    private final McpToolbox mcp;
    private final dev.nex7.deployment.LogAnalysis logs;
    private final Deployments deployments;
    private final RepositoryFiles repository;
    private final AgentSettings settings;
    private final JsonMapper json;

    AgentToolbox(WorkflowService workflows, ProjectMemory memory, McpToolbox mcp, dev.nex7.deployment.LogAnalysis logs, Deployments deployments,
            RepositoryFiles repository, AgentSettings settings, JsonMapper json) {
        this.logs = logs;
        this.deployments = deployments;
        this.repository = repository;
        this.workflows = workflows;
        this.memory = memory;
        this.mcp = mcp;
        this.settings = settings;
        this.json = json;
    }

    /** The model's name for a stored tool name: providers accept letters, digits, '_' and '-'. */
    static String modelName(String stored) {
        String name = stored.replace('.', '_').replaceAll("[^A-Za-z0-9_-]", "_");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    /**
     * @param others the agents this one may hand off to or consult (enabled in the conversation's project, not itself)
     * @param mayConsult whether the consultation depth allows another level
     * @param mayHandOff whether this turn may still hand off (and this is not a consultation)
     */
    Offer offer(AgentDefinition agent, Conversation conversation, List<AgentDefinition> others, boolean mayConsult, boolean mayHandOff) {
        List<ToolSpec> specs = new ArrayList<>();
        Map<String, String> stored = new LinkedHashMap<>();
        boolean project = conversation.projectId() != null;
        List<String> otherIds = others.stream().map(AgentDefinition::id).toList();
        for (String tool : agent.tools()) {
            ToolSpec spec = switch (tool) {
                case AgentTools.WORKFLOWS_LIST -> project ? new ToolSpec(modelName(tool),
                        "List the workflows of the conversation's project: id, name, description, whether it is published "
                                + "(callable, with its input schema via workflows_run) and its active version.", NO_INPUT) : null;
                case AgentTools.WORKFLOWS_RUN -> project ? new ToolSpec(modelName(tool),
                        "Run a published workflow of the project with an input and get its result. The person is asked to "
                                + "confirm before it runs.", Map.of("type", "object", "properties", Map.of(
                                        "workflowId", Map.of("type", "string", "description", "The workflow's id from workflows_list"),
                                        "input", Map.of("type", "object", "description", "The workflow's input, matching its input schema")),
                                "required", List.of("workflowId"))) : null;
                case AgentTools.EXECUTIONS_LATEST, AgentTools.EXECUTIONS_ERRORS -> project ? new ToolSpec(modelName(tool),
                        tool.equals(AgentTools.EXECUTIONS_LATEST)
                                ? "The project's latest workflow executions (status, mode, duration, error), newest first."
                                : "The project's latest failed workflow executions with their error message and failing node.",
                        Map.of("type", "object", "properties", Map.of(
                                "workflowId", Map.of("type", "string", "description", "Only this workflow's executions"),
                                "limit", Map.of("type", "integer", "minimum", 1, "maximum", 20)))) : null;
                case AgentTools.MEMORY_REMEMBER -> project ? new ToolSpec(modelName(tool),
                        "Remember a durable fact about the project (a preference, a convention, a decision) for later "
                                + "conversations. The person can see, edit and delete it.", Map.of("type", "object", "properties",
                                        Map.of("fact", Map.of("type", "string", "maxLength", ProjectMemory.MAX_FACT_LENGTH)), "required", List.of("fact"))) : null;
                case AgentTools.AGENTS_CONSULT -> mayConsult && !otherIds.isEmpty() ? new ToolSpec(modelName(tool),
                        "Ask another agent a focused question and get its answer back, without handing the conversation over.",
                        Map.of("type", "object", "properties", Map.of("agent", Map.of("type", "string", "enum", otherIds),
                                "question", Map.of("type", "string", "description", "The question, with the context the other agent needs")),
                                "required", List.of("agent", "question"))) : null;
                case AgentTools.AGENTS_HANDOFF -> mayHandOff && !otherIds.isEmpty() ? new ToolSpec(modelName(tool),
                        "Hand the conversation to the agent whose role fits the request; it answers next and stays the "
                                + "conversation's agent. Give a summary of what the person needs and what is known so far.",
                        Map.of("type", "object", "properties", Map.of("agent", Map.of("type", "string", "enum", otherIds),
                                "summary", Map.of("type", "string")), "required", List.of("agent", "summary"))) : null;
                case AgentTools.SNIPPET_ANALYSE -> new ToolSpec(modelName(tool),
                        "Analyse a build log, stack trace or error output with NEX7's log analyzers (tsc, ESLint, bundlers, npm/pnpm/yarn, "
                                + "Next.js, Node, Vercel, Maven/Gradle, Python): typed findings with file, line, subject and the root cause first.",
                        Map.of("type", "object", "properties", Map.of("text", Map.of("type", "string",
                                "description", "The log or error output, as the person pasted it")), "required", List.of("text")));
                case AgentTools.DEPLOYMENTS_LIST -> project ? new ToolSpec(modelName(tool),
                        "The project's latest deployments, newest first: id, status, target, commit, branch, trigger, duration and, "
                                + "for failed ones, the root cause NEX7's log analyzers found.", Map.of("type", "object", "properties",
                                        Map.of("limit", Map.of("type", "integer", "minimum", 1, "maximum", 20)))) : null;
                case AgentTools.DEPLOYMENTS_LOGS -> project ? new ToolSpec(modelName(tool),
                        "A deployment's build log (its end, where errors are) with the analyzers' findings, the root cause first.", Map.of("type", "object", "properties", Map.of("deploymentId",
                                        Map.of("type", "string", "description", "The deployment's id from deployments_list")),
                                "required", List.of("deploymentId"))) : null;
                case AgentTools.REPO_READ -> project ? new ToolSpec(modelName(tool),
                        "Read a file of the project's repository (the linked GitHub repository, else the local deployment target's "
                                + "branch). Read-only; paths are relative to the repository root.", Map.of("type", "object", "properties",
                                        Map.of("path", Map.of("type", "string", "description", "e.g. src/index.ts"),
                                                "ref", Map.of("type", "string", "description", "A branch, tag or commit (GitHub only; "
                                                        + "default: the default branch)")),
                                "required", List.of("path"))) : null;
                default -> null;
            };
            if (spec != null) {
                specs.add(spec);
                stored.put(spec.name(), tool);
            }
        }
        for (McpTool tool : mcp.toolsFor(agent.id())) {
            String name = modelName(tool.qualifiedName());
            if (!stored.containsKey(name)) {
                specs.add(new ToolSpec(name, "[MCP server " + tool.server() + "] " + tool.description(), tool.inputSchema()));
                stored.put(name, tool.qualifiedName());
            }
        }
        return new Offer(specs, stored);
    }

    /** Whether the person must confirm the call first. */
    static boolean needsConfirmation(String stored) {
        return stored.equals(AgentTools.WORKFLOWS_RUN) || !AgentTools.isKnown(stored);
    }

    /** What the person is asked to confirm, in words. */
    String describe(String stored, Map<String, Object> input) {
        if (stored.equals(AgentTools.WORKFLOWS_RUN)) {
            return "Run workflow " + input.get("workflowId") + " with input " + truncate(json.writeValueAsString(input.getOrDefault("input", Map.of())), 500);
        }
        return "Call the MCP tool " + stored + " with " + truncate(json.writeValueAsString(input), 500);
    }

    /** Runs a tool (not consult or handoff, which the turn itself does) for the person. */
    Outcome run(String stored, Map<String, Object> input, Conversation conversation, String agentId, UserId user) throws InterruptedException {
        try {
            return switch (stored) {
                case AgentTools.WORKFLOWS_LIST -> result(workflows.workflows(user, conversation.projectId(), 100));
                case AgentTools.WORKFLOWS_RUN -> {
                    WorkflowService.RunOutcome outcome = workflows.runPublished(user, new WorkflowId(UUID.fromString(String.valueOf(input.get("workflowId")))),
                            input.getOrDefault("input", Map.of()), "agent", settings.workflowWait());
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("executionId", outcome.executionId().toString());
                    answer.put("status", outcome.status());
                    answer.put("finished", outcome.finished());
                    answer.put("output", outcome.output());
                    answer.put("error", outcome.error());
                    yield new Outcome(truncate(json.writeValueAsString(answer), settings.toolResultMaxChars()),
                            outcome.finished() && !"succeeded".equals(outcome.status()));
                }
                case AgentTools.EXECUTIONS_LATEST, AgentTools.EXECUTIONS_ERRORS -> {
                    Object workflow = input.get("workflowId");
                    int limit = input.get("limit") instanceof Number number ? Math.max(1, Math.min(20, number.intValue())) : 10;
                    yield result(workflows.recentExecutions(user, conversation.projectId(),
                            workflow == null ? null : new WorkflowId(UUID.fromString(String.valueOf(workflow))),
                            stored.equals(AgentTools.EXECUTIONS_ERRORS), limit));
                }
                case AgentTools.SNIPPET_ANALYSE -> {
                    String text = String.valueOf(input.getOrDefault("text", ""));
                    if (text.isBlank()) {
                        yield new Outcome("Give the log or error output to analyse.", true);
                    }
                    yield result(logs.analyze(text).findings().stream().limit(20).toList());
                }
                case AgentTools.DEPLOYMENTS_LIST -> {
                    int limit = input.get("limit") instanceof Number number ? Math.max(1, Math.min(20, number.intValue())) : 10;
                    yield result(deployments.list(conversation.projectId(), user, null, null, limit).stream().map(AgentToolbox::brief).toList());
                }
                case AgentTools.DEPLOYMENTS_LOGS -> {
                    DeploymentId id = new DeploymentId(UUID.fromString(String.valueOf(input.get("deploymentId"))));
                    Deployment deployment = deployments.get(id, user);
                    if (!deployment.projectId().equals(conversation.projectId())) {
                        throw new dev.nex7.deployment.DeploymentNotFound(id);
                    }
                    DeploymentLog log = deployments.log(id); // get() above checked the person's role
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("deployment", brief(deployment));
                    answer.put("findings", log.findings().stream().limit(10).toList());
                    String text = log.text() == null ? "" : log.text();
                    int keep = settings.toolResultMaxChars() / 2;
                    answer.put("logEnd", text.length() <= keep ? text : "…" + text.substring(text.length() - keep));
                    yield result(answer);
                }
                case AgentTools.REPO_READ -> readRepository(conversation.projectId(), user, input);
                case AgentTools.MEMORY_REMEMBER -> {
                    var fact = memory.remember(conversation.projectId(), String.valueOf(input.get("fact")), agentId, user);
                    yield new Outcome("Remembered (fact " + fact.id() + ").", false);
                }
                default -> {
                    McpToolResult result = mcp.call(agentId, stored, input);
                    yield new Outcome(truncate(result.structuredContent() != null && result.text().isBlank()
                            ? json.writeValueAsString(result.structuredContent()) : result.text(), settings.toolResultMaxChars()), result.error());
                }
            };
        } catch (ApiProblem refused) {
            String fields = refused.errors().stream().map(error -> error.field() + " " + error.message())
                    .collect(java.util.stream.Collectors.joining("; "));
            return new Outcome(refused.title() + ": " + (fields.isEmpty() ? refused.getMessage() : fields), true);
        } catch (IllegalArgumentException invalid) {
            return new Outcome("Invalid arguments: " + invalid.getMessage(), true);
        }
    }

    private Outcome readRepository(ProjectId project, UserId user, Map<String, Object> input) {
        String path = String.valueOf(input.getOrDefault("path", ""));
        Object ref = input.get("ref");
        return repository.read(project, user, path, ref == null ? null : String.valueOf(ref))
                .map(content -> new Outcome(truncate(content, settings.toolResultMaxChars()), false))
                .orElseGet(() -> new Outcome("There is no file " + path + " in the repository.", true));
    }

    private static Map<String, Object> brief(Deployment deployment) {
        Map<String, Object> brief = new LinkedHashMap<>();
        brief.put("id", deployment.id().toString());
        brief.put("status", deployment.status().id());
        brief.put("target", deployment.target());
        brief.put("environment", deployment.environment());
        brief.put("trigger", deployment.trigger());
        brief.put("commitSha", deployment.commitSha());
        brief.put("commitMessage", deployment.commitMessage());
        brief.put("branch", deployment.branch());
        brief.put("createdAt", String.valueOf(deployment.createdAt()));
        brief.put("durationMillis", deployment.duration() == null ? null : deployment.duration().toMillis());
        brief.put("rootCategory", deployment.rootCategory());
        brief.put("rootCause", deployment.rootCause());
        return brief;
    }

    private Outcome result(Object value) {
        return new Outcome(truncate(json.writeValueAsString(value), settings.toolResultMaxChars()), false);
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (cut at " + max + " characters)";
    }
}
