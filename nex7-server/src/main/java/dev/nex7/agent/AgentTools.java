package dev.nex7.agent;

import java.util.List;

/**
 * The names of the tools an agent may be allowed to use. An agent definition that names any other
 * tool is refused. The turn orchestration implements each of them; until a tool registry exists this
 * list is where a new tool name is added.
 */
public final class AgentTools {

    /** Lists the project's workflows. */
    public static final String WORKFLOWS_LIST = "workflows.list";
    /** Runs a workflow and reads its result; changes something, so the user confirms first. */
    public static final String WORKFLOWS_RUN = "workflows.run";
    /** Reads the project's latest executions. */
    public static final String EXECUTIONS_LATEST = "executions.latest";
    /** Reads the errors of a failed execution. */
    public static final String EXECUTIONS_ERRORS = "executions.errors";
    /** Lists the project's deployments. */
    public static final String DEPLOYMENTS_LIST = "deployments.list";
    /** Reads a deployment's build and runtime logs. */
    public static final String DEPLOYMENTS_LOGS = "deployments.logs";
    /** Reads a file of the project's linked repository (read-only, path-confined). */
    public static final String REPO_READ = "repo.read";
    /** Analyses a snippet of code or text the user gave. */
    public static final String SNIPPET_ANALYSE = "snippet.analyse";
    /** Asks another agent a bounded question; the answer comes back as the tool's result. */
    public static final String AGENTS_CONSULT = "agents.consult";
    /** Hands the conversation to another agent, with a summary of the context. */
    public static final String AGENTS_HANDOFF = "agents.handoff";
    /** Stores a fact about the project in its memory. */
    public static final String MEMORY_REMEMBER = "memory.remember";

    /** Every known tool name, in the order the API lists them. */
    public static final List<String> NAMES = List.of(WORKFLOWS_LIST, WORKFLOWS_RUN, EXECUTIONS_LATEST,
            EXECUTIONS_ERRORS, DEPLOYMENTS_LIST, DEPLOYMENTS_LOGS, REPO_READ, SNIPPET_ANALYSE, AGENTS_CONSULT,
            AGENTS_HANDOFF, MEMORY_REMEMBER);

    private AgentTools() {
    }

    public static boolean isKnown(String name) {
        return NAMES.contains(name);
    }
}
