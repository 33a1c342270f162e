package dev.nex7.workflow.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import dev.nex7.plugin.node.CredentialSlot;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeKind;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.workflow.definition.EdgeDefinition;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.OnError;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.expression.Expressions;
import dev.nex7.workflow.nodes.Loop;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a definition before a version is saved and before it runs, and reports every problem at
 * once, each with its node and a JSON pointer.
 */
@Component
public class WorkflowValidator {

    /** Answers which kind a credential id has in the workflow's project, if it exists there. */
    @FunctionalInterface
    public interface CredentialKinds extends Function<String, Optional<String>> {
        CredentialKinds NONE = id -> Optional.empty();
    }

    private static final int MAX_NODES = 2_000;

    private final NodeCatalog catalog;
    private final Expressions expressions;
    private final JsonMapper json;
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));
    private final Map<NodeType, Schema> compiled = new ConcurrentHashMap<>();

    public WorkflowValidator(NodeCatalog catalog, JsonMapper json, Expressions expressions) {
        this.catalog = catalog;
        this.expressions = expressions;
        this.json = json;
    }

    public List<ValidationProblem> validate(WorkflowDefinition definition, CredentialKinds credentials) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (definition.nodes().size() > MAX_NODES) {
            problems.add(ValidationProblem.error("too-many-nodes", "A workflow has at most " + MAX_NODES + " nodes.", null, "/nodes"));
            return problems;
        }
        Map<String, NodeType> types = checkNodes(definition, credentials, problems);
        checkEdges(definition, types, problems);
        checkCycles(definition, types, problems);
        checkLoops(definition, types, problems);
        checkTriggers(definition, types, problems);
        return problems;
    }

    private Map<String, NodeType> checkNodes(WorkflowDefinition definition, CredentialKinds credentials,
            List<ValidationProblem> problems) {
        Map<String, NodeType> types = new HashMap<>();
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < definition.nodes().size(); i++) {
            NodeDefinition node = definition.nodes().get(i);
            String at = "/nodes/" + i;
            if (node.id() == null || !node.id().matches("[A-Za-z0-9_-]{1,100}")) {
                problems.add(ValidationProblem.error("invalid-id", "A node id is 1 to 100 letters, digits, '-' or '_'.", node.id(), at + "/id"));
                continue;
            }
            if (!ids.add(node.id())) {
                problems.add(ValidationProblem.error("duplicate-id", "Another node already has the id " + node.id() + ".", node.id(), at + "/id"));
            }
            if (!names.add(node.displayName())) {
                problems.add(ValidationProblem.error("duplicate-name",
                        "Another node is already named \"" + node.displayName() + "\"; expressions refer to nodes by name.", node.id(), at + "/name"));
            }
            Optional<NodeType> type = node.type() == null ? Optional.empty() : catalog.find(node.type(), node.typeVersion());
            if (type.isEmpty()) {
                boolean known = node.type() != null && catalog.knowsType(node.type());
                problems.add(ValidationProblem.error(known ? "unknown-type-version" : "unknown-type",
                        known ? "Node type " + node.type() + " has no version " + node.typeVersion() + "."
                                : "There is no node type \"" + node.type() + "\".",
                        node.id(), at + (known ? "/typeVersion" : "/type")));
                continue;
            }
            types.put(node.id(), type.get());
            checkParameters(node, type.get(), at, problems);
            checkCredentials(node, type.get().descriptor(), at, credentials, problems);
            checkPolicies(node, at, problems);
        }
        return types;
    }

    private void checkParameters(NodeDefinition node, NodeType type, String at, List<ValidationProblem> problems) {
        Schema schema = compiled.computeIfAbsent(type, t -> schemas.getSchema(json.valueToTree(t.descriptor().parameterSchema())));
        JsonNode parameters = json.valueToTree(node.parameters());
        for (Error error : schema.validate(parameters)) {
            JsonNode value = error.getInstanceNode();
            // A value that is an expression only gets its type when it runs; its syntax is checked below.
            if (value != null && value.isString() && value.asString().contains("{{")
                    && !"required".equals(error.getKeyword()) && !"additionalProperties".equals(error.getKeyword())) {
                continue;
            }
            String pointer = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
            if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
                pointer = pointer + "/" + error.getProperty();
            } else if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
                pointer = pointer + "/" + error.getProperty();
            }
            problems.add(ValidationProblem.error("invalid-parameter", error.getMessage(), node.id(), at + "/parameters" + pointer));
        }
        Set<String> literal = NodeCatalog.literalParameters(type);
        node.parameters().forEach((name, value) -> {
            if (!literal.contains(name)) {
                String base = at + "/parameters/" + name.replace("~", "~0").replace("/", "~1");
                expressions.check(value).forEach(problem -> problems.add(ValidationProblem.error("invalid-expression",
                        problem.message(), node.id(), base + problem.pointer())));
            }
        });
    }

    private void checkCredentials(NodeDefinition node, NodeDescriptor descriptor, String at, CredentialKinds credentials,
            List<ValidationProblem> problems) {
        Map<String, CredentialSlot> slots = new LinkedHashMap<>();
        descriptor.credentials().forEach(slot -> slots.put(slot.name(), slot));
        node.credentials().forEach((slotName, credentialId) -> {
            CredentialSlot slot = slots.get(slotName);
            String pointer = at + "/credentials/" + slotName;
            if (slot == null) {
                problems.add(ValidationProblem.error("unknown-credential-slot", descriptor.displayName() + " has no credential slot \"" + slotName + "\".", node.id(), pointer));
                return;
            }
            Optional<String> kind = credentialId == null ? Optional.empty() : credentials.apply(credentialId);
            if (kind.isEmpty()) {
                problems.add(ValidationProblem.error("dangling-credential", "The chosen credential does not exist in this project.", node.id(), pointer));
            } else if (!slot.kinds().contains(kind.get())) {
                problems.add(ValidationProblem.error("credential-kind", "This slot accepts " + String.join(", ", slot.kinds())
                        + " credentials, not " + kind.get() + ".", node.id(), pointer));
            }
        });
        slots.values().stream().filter(CredentialSlot::required).filter(slot -> !node.credentials().containsKey(slot.name()))
                .forEach(slot -> problems.add(ValidationProblem.error("missing-credential",
                        descriptor.displayName() + " needs a credential for \"" + slot.name() + "\".", node.id(), at + "/credentials/" + slot.name())));
    }

    private static void checkPolicies(NodeDefinition node, String at, List<ValidationProblem> problems) {
        if (node.timeout() != null && (node.timeout() < 1 || node.timeout() > 86_400_000L)) {
            problems.add(ValidationProblem.error("invalid-timeout", "A timeout is between 1 ms and 24 hours.", node.id(), at + "/timeout"));
        }
        var retry = node.retry();
        if (retry != null) {
            if (retry.maxAttempts() < 1 || retry.maxAttempts() > 10) {
                problems.add(ValidationProblem.error("invalid-retry", "maxAttempts is between 1 and 10.", node.id(), at + "/retry/maxAttempts"));
            }
            if (retry.initialDelay() < 0 || retry.maxDelay() < 0 || retry.maxDelay() > 3_600_000L) {
                problems.add(ValidationProblem.error("invalid-retry", "Delays are between 0 and 1 hour.", node.id(), at + "/retry"));
            }
            if (retry.multiplier() < 1 || retry.multiplier() > 10 || retry.jitter() < 0 || retry.jitter() > 1) {
                problems.add(ValidationProblem.error("invalid-retry", "multiplier is between 1 and 10, jitter between 0 and 1.", node.id(), at + "/retry"));
            }
        }
    }

    private void checkEdges(WorkflowDefinition definition, Map<String, NodeType> types, List<ValidationProblem> problems) {
        Map<String, NodeDefinition> nodes = definition.nodesById();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < definition.edges().size(); i++) {
            EdgeDefinition edge = definition.edges().get(i);
            String at = "/edges/" + i;
            if (!seen.add(edge.source() + ":" + edge.sourcePort() + "->" + edge.target() + ":" + edge.targetPort())) {
                problems.add(ValidationProblem.error("duplicate-edge", "This connection exists twice.", edge.target(), at));
                continue;
            }
            NodeDefinition source = nodes.get(edge.source());
            NodeDefinition target = nodes.get(edge.target());
            if (source == null || target == null) {
                problems.add(ValidationProblem.error("dangling-edge", "The connection refers to a node that does not exist.",
                        source == null ? edge.source() : edge.target(), at + (source == null ? "/source" : "/target")));
                continue;
            }
            NodeType sourceType = types.get(source.id());
            NodeType targetType = types.get(target.id());
            if (sourceType == null || targetType == null) {
                continue; // already reported as an unknown type
            }
            Optional<Port> out = outputPort(source, sourceType, edge.sourcePort());
            Optional<Port> in = targetType.descriptor().inputs().stream().filter(port -> port.name().equals(edge.targetPort())).findFirst();
            if (out.isEmpty()) {
                problems.add(ValidationProblem.error("unknown-port", source.displayName() + " has no output \"" + edge.sourcePort() + "\""
                        + (Port.ERROR.equals(edge.sourcePort()) ? " (set its on-error choice to route)." : "."), source.id(), at + "/sourcePort"));
            }
            if (in.isEmpty()) {
                problems.add(ValidationProblem.error("unknown-port", target.displayName() + " has no input \"" + edge.targetPort() + "\".",
                        target.id(), at + "/targetPort"));
            }
            if (out.isPresent() && in.isPresent() && !out.get().type().canFeed(in.get().type())) {
                problems.add(ValidationProblem.error("incompatible-ports", "Output \"" + out.get().name() + "\" of " + source.displayName()
                        + " carries " + out.get().type().name().toLowerCase() + " but input \"" + in.get().name() + "\" of "
                        + target.displayName() + " takes " + in.get().type().name().toLowerCase() + ".", target.id(), at));
            }
        }
    }

    /** The output port a definition's edge may start from: the type's ports, plus {@code error} when errors are routed. */
    public static Optional<Port> outputPort(NodeDefinition node, NodeType type, String name) {
        if (Port.ERROR.equals(name) && node.onErrorOrDefault() == OnError.ROUTE) {
            return Optional.of(Port.of(Port.ERROR, "Error", dev.nex7.plugin.node.PortType.OBJECT));
        }
        return type.outputs(node.parameters()).stream().filter(port -> port.name().equals(name)).findFirst();
    }

    private static void checkCycles(WorkflowDefinition definition, Map<String, NodeType> types, List<ValidationProblem> problems) {
        // Every cycle must pass through a loop node: with the loop nodes taken out, what is left must be acyclic.
        Map<String, List<String>> successors = new HashMap<>();
        Map<String, Integer> indegree = new HashMap<>();
        for (NodeDefinition node : definition.nodes()) {
            if (!isLoop(types.get(node.id()))) {
                indegree.putIfAbsent(node.id(), 0);
            }
        }
        for (EdgeDefinition edge : definition.edges()) {
            if (indegree.containsKey(edge.source()) && indegree.containsKey(edge.target())) {
                successors.computeIfAbsent(edge.source(), id -> new ArrayList<>()).add(edge.target());
                indegree.merge(edge.target(), 1, Integer::sum);
            }
        }
        Deque<String> ready = new ArrayDeque<>();
        indegree.forEach((id, degree) -> {
            if (degree == 0) {
                ready.add(id);
            }
        });
        while (!ready.isEmpty()) {
            String id = ready.poll();
            indegree.remove(id);
            for (String next : successors.getOrDefault(id, List.of())) {
                if (indegree.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        for (int i = 0; i < definition.nodes().size(); i++) {
            String id = definition.nodes().get(i).id();
            if (indegree.containsKey(id)) {
                problems.add(ValidationProblem.error("cycle", "This node is on a cycle that does not go through a loop node.", id, "/nodes/" + i));
            }
        }
    }

    /**
     * A loop's body (what its {@code item} port reaches) must come back only into its {@code return}
     * input, and must not also be what runs after the loop ({@code done}).
     */
    private static void checkLoops(WorkflowDefinition definition, Map<String, NodeType> types, List<ValidationProblem> problems) {
        for (NodeDefinition loop : definition.nodes()) {
            if (!isLoop(types.get(loop.id()))) {
                continue;
            }
            Set<String> body = definition.reachableFrom(loop.id(), Loop.ITEM);
            Set<String> after = definition.reachableFrom(loop.id(), Loop.DONE);
            for (int i = 0; i < definition.nodes().size(); i++) {
                String id = definition.nodes().get(i).id();
                if (body.contains(id) && after.contains(id)) {
                    problems.add(ValidationProblem.error("loop-overlap", "This node is both inside loop \"" + loop.displayName()
                            + "\" and after it; connect it to one of the two.", id, "/nodes/" + i));
                }
            }
            for (int i = 0; i < definition.edges().size(); i++) {
                EdgeDefinition edge = definition.edges().get(i);
                if (!edge.target().equals(loop.id())) {
                    continue;
                }
                if (body.contains(edge.source()) && !Loop.RETURN.equals(edge.targetPort())) {
                    problems.add(ValidationProblem.error("loop-back-edge", "A loop's body comes back into its \"return\" input.",
                            edge.source(), "/edges/" + i + "/targetPort"));
                } else if (!body.contains(edge.source()) && Loop.RETURN.equals(edge.targetPort())) {
                    problems.add(ValidationProblem.error("loop-return-outside", "Only nodes inside the loop can connect to its \"return\" input.",
                            edge.source(), "/edges/" + i + "/source"));
                }
            }
        }
    }

    private static boolean isLoop(NodeType type) {
        return type != null && type.descriptor().loop();
    }

    private static void checkTriggers(WorkflowDefinition definition, Map<String, NodeType> types, List<ValidationProblem> problems) {
        Map<String, Integer> triggersByType = new HashMap<>();
        List<String> triggers = new ArrayList<>();
        for (int i = 0; i < definition.nodes().size(); i++) {
            NodeDefinition node = definition.nodes().get(i);
            NodeType type = types.get(node.id());
            if (type != null && type.descriptor().kind() == NodeKind.TRIGGER) {
                triggers.add(node.id());
                if (triggersByType.merge(node.type(), 1, Integer::sum) > 1) {
                    problems.add(ValidationProblem.error("duplicate-trigger", "A workflow has one " + type.descriptor().displayName()
                            + " trigger; each entry point starts from exactly one trigger.", node.id(), "/nodes/" + i));
                }
            }
        }
        if (!definition.nodes().isEmpty() && triggers.isEmpty()) {
            problems.add(ValidationProblem.error("no-trigger", "The workflow has no trigger, so nothing can start it.", null, "/nodes"));
        }
        Set<String> reachable = new HashSet<>(triggers);
        Deque<String> pending = new ArrayDeque<>(triggers);
        while (!pending.isEmpty()) {
            for (EdgeDefinition edge : definition.edgesOutOf(pending.poll())) {
                if (reachable.add(edge.target())) {
                    pending.add(edge.target());
                }
            }
        }
        for (int i = 0; i < definition.nodes().size(); i++) {
            NodeDefinition node = definition.nodes().get(i);
            if (!reachable.contains(node.id()) && types.containsKey(node.id())) {
                problems.add(ValidationProblem.warning("unreachable", node.displayName() + " cannot be reached from any trigger and will never run.",
                        node.id(), "/nodes/" + i));
            }
        }
    }
}
