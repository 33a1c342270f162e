package dev.nex7.workflow.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.identity.UserId;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.project.ProjectId;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.Workflow;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.definition.WorkflowLibrary;
import tools.jackson.databind.json.JsonMapper;

/** The shipped workflow templates, read once from the class path, and creating workflows from them. */
@Service
public class WorkflowTemplates {

    /** The {@code workflowId} of a template's sub-workflow node that is replaced by the id of the template's child. */
    public static final String CHILD_PLACEHOLDER = "@child";

    private static final String LOCATION = "classpath*:workflow-templates/*.json";

    private final List<WorkflowTemplate> templates;
    private final WorkflowLibrary library;

    WorkflowTemplates(JsonMapper json, WorkflowLibrary library) {
        this.library = library;
        this.templates = load(json);
    }

    private static List<WorkflowTemplate> load(JsonMapper json) {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver().getResources(LOCATION);
            return Arrays.stream(found).map(resource -> {
                try (InputStream in = resource.getInputStream()) {
                    return json.readValue(in, WorkflowTemplate.class);
                } catch (IOException unreadable) {
                    throw new UncheckedIOException("Cannot read template " + resource, unreadable);
                }
            }).sorted(Comparator.comparing(WorkflowTemplate::category).thenComparing(WorkflowTemplate::name)).toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Cannot list the workflow templates", unreadable);
        }
    }

    /** Every template, by category then name. */
    public List<WorkflowTemplate> list() {
        return templates;
    }

    public Optional<WorkflowTemplate> find(String id) {
        return templates.stream().filter(template -> template.id().equals(id)).findFirst();
    }

    /**
     * Creates a workflow in {@code project} from a template (editor). A template with a child creates the
     * child first, saves it as version 1 and points the parent's sub-workflow nodes at that version.
     *
     * @param name the new workflow's name; the template's when blank
     */
    @Transactional
    public Workflow create(ProjectId project, UserId user, String templateId, String name, String description) {
        WorkflowTemplate template = find(templateId)
                .orElseThrow(() -> new InvalidRequest("templateId", "There is no template " + templateId + "."));
        String parentName = name == null || name.isBlank() ? template.name() : name;
        WorkflowDefinition definition = template.definition();
        if (template.child() != null) {
            Workflow child = library.create(project, user, parentName + " – " + template.child().name(), template.child().description(),
                    template.child().definition());
            library.saveVersion(child.id(), user, "Created from template " + template.id());
            definition = pointAtChild(definition, child.id().value().toString());
        }
        return library.create(project, user, parentName, description == null ? template.description() : description, definition);
    }

    private static WorkflowDefinition pointAtChild(WorkflowDefinition definition, String childId) {
        List<NodeDefinition> nodes = definition.nodes().stream().map(node -> {
            if (!CHILD_PLACEHOLDER.equals(node.parameters().get("workflowId"))) {
                return node;
            }
            Map<String, Object> parameters = new LinkedHashMap<>(node.parameters());
            parameters.put("workflowId", childId);
            parameters.put("version", 1);
            return new NodeDefinition(node.id(), node.type(), node.typeVersion(), node.name(), node.position(), parameters, node.retry(),
                    node.timeout(), node.onError(), node.credentials());
        }).toList();
        return definition.withGraph(nodes, definition.edges());
    }
}
