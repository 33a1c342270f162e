package dev.nex7.mcp.server;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;
import dev.nex7.workflow.WorkflowService;
import dev.nex7.workflow.WorkflowService.PublishedWorkflow;

/**
 * The published workflows a token may call, as MCP tools. A tool's name is the workflow's name in
 * lower-case letters, digits, {@code _} and {@code -}; when two workflows would share one, both get
 * the start of their id appended, so a name always means the same workflow.
 */
@Component
public class WorkflowTools {

    private static final int MAX_NAME = 48;

    /** A tool and the workflow behind it. */
    public record Tool(String name, PublishedWorkflow workflow) {

        public Map<String, Object> describe() {
            Map<String, Object> tool = new LinkedHashMap<>();
            tool.put("name", name);
            tool.put("title", workflow.name());
            String about = "Runs the NEX7 workflow \"" + workflow.name() + "\" (version " + workflow.version()
                    + ") and returns its result: the body of its respond node, else the output of its last node.";
            tool.put("description", workflow.description() == null || workflow.description().isBlank() ? about
                    : workflow.description().strip() + "\n\n" + about);
            tool.put("inputSchema", workflow.inputSchema());
            return tool;
        }
    }

    private final WorkflowService workflows;

    WorkflowTools(WorkflowService workflows) {
        this.workflows = workflows;
    }

    /** The tools of {@code project} (every project of the user when null) the user may run. */
    public List<Tool> list(UserId user, ProjectId project) {
        List<PublishedWorkflow> published = workflows.published(user, project);
        Map<String, Integer> uses = new HashMap<>();
        published.forEach(workflow -> uses.merge(baseName(workflow.name()), 1, Integer::sum));
        return published.stream().map(workflow -> {
            String base = baseName(workflow.name());
            String name = uses.get(base) > 1 ? base + "_" + workflow.id().value().toString().substring(0, 8) : base;
            return new Tool(name, workflow);
        }).toList();
    }

    Optional<Tool> find(UserId user, ProjectId project, String name) {
        return list(user, project).stream().filter(tool -> tool.name().equals(name)).findFirst();
    }

    static String baseName(String workflowName) {
        String slug = workflowName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "_").replaceAll("_+", "_")
                .replaceAll("^[_-]+|[_-]+$", "");
        if (slug.length() > MAX_NAME) {
            slug = slug.substring(0, MAX_NAME).replaceAll("[_-]+$", "");
        }
        return slug.isEmpty() ? "workflow" : slug;
    }
}
