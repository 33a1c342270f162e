package dev.nex7.workflow.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.PortType;
import dev.nex7.plugin.node.Schema;

/**
 * Loop over items: sends each item (or batch of items) of a list out of {@code item}, runs the nodes
 * connected there (the body) once per batch, one batch after the other, and when the list is done
 * sends what came back into {@code return} out of {@code done}, as one list. The engine runs the body
 * (the only way a definition may contain a cycle is through this node); each iteration's node runs are
 * recorded under their own scope, so a restart resumes inside the loop without redoing finished work.
 */
@Component
public class Loop implements NodeType {

    public static final String TYPE = "loop";
    public static final String ITEM = "item";
    public static final String DONE = "done";
    public static final String RETURN = "return";

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE, 1)
            .displayName("Loop over items").category("flow").icon("repeat")
            .description("Runs the connected nodes once per item (or batch), then outputs everything they returned.")
            .input(Port.main())
            .input(Port.of(RETURN, "Back from the loop", PortType.ANY))
            .output(Port.of(ITEM, "Each item", PortType.ANY))
            .output(Port.of(DONE, "Done", PortType.ARRAY))
            .parameters(Schema.object()
                    .property("field", Schema.string().title("List field").description("Dot path of the list; blank: the input is the list")
                            .literal(), false)
                    .property("batchSize", Schema.integer().minimum(1).maximum(10_000).defaultValue(1).title("Batch size")
                            .description("1 sends each item alone; more sends lists of up to this many").literal(), false)
                    .property("maxIterations", Schema.integer().minimum(1).maximum(1_000_000).defaultValue(10_000)
                            .title("Most iterations").description("A longer list fails the node instead of running for ever").literal(), false))
            .loop()
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The engine runs loops itself; called directly, the node only reports that. */
    @Override
    public NodeOutcome execute(NodeContext context) throws NodeFailure {
        throw NodeFailure.permanent("engine-error", "The loop node is run by the engine.");
    }

    /** What each iteration sends out of {@code item}: single items, or lists of up to {@code batchSize}. */
    public static List<Object> batches(Object input, Map<String, Object> parameters) throws NodeFailure {
        List<?> items = FieldPath.list(input, (String) parameters.get("field"));
        int size = ((Number) parameters.getOrDefault("batchSize", 1)).intValue();
        int most = ((Number) parameters.getOrDefault("maxIterations", 10_000)).intValue();
        int iterations = (items.size() + size - 1) / size;
        if (iterations > most) {
            throw NodeFailure.permanent("too-many-iterations", "The list needs " + iterations + " iterations; this loop allows " + most + ".");
        }
        List<Object> batches = new ArrayList<>(iterations);
        for (int from = 0; from < items.size(); from += size) {
            batches.add(size == 1 ? items.get(from) : new ArrayList<>(items.subList(from, Math.min(items.size(), from + size))));
        }
        return batches;
    }
}
