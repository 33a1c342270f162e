package dev.nex7.workflow.collab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.unit.DataSize;

import tools.jackson.databind.json.JsonMapper;

/**
 * Prints what the collaboration server's Yjs work costs on a 500-node / 600-edge draft, in the QuickJS
 * runtime it uses (QuickJS on WebAssembly on the JVM), and what the relay's own Java work costs (reading
 * an update, the state vector). Numbers, not assertions:
 *
 * <pre>{@code
 * ./nex7 mvn -q -Pbench -Dskip.npm=true -pl nex7-server test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp nex7-server/target/test-classes:nex7-server/target/classes:$(cat nex7-server/target/cp.txt) \
 *     dev.nex7.workflow.collab.CollabDocumentCost
 * }</pre>
 */
final class CollabDocumentCost {

    private CollabDocumentCost() {
    }

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        CollabSettings defaults = CollabSettings.defaults();
        CollabSettings patient = new CollabSettings(defaults.ticketLifetime(), defaults.maxMessageSize(),
                defaults.maxConnectionsPerWorkflow(), defaults.idleTimeout(), defaults.saveDelay(), defaults.compactAfterUpdates(),
                defaults.compactAfterSize(), DataSize.ofMegabytes(1024), Duration.ofMinutes(5));
        Map<String, Object> definition = definition(nodes);
        try (YjsRuntime runtime = new YjsRuntime(patient, JsonMapper.builder().build())) {
            long start = System.nanoTime();
            byte[] document = runtime.bytes("fromDefinition", definition, 7);
            report("fromDefinition (seed), first call in a fresh JVM", start);
            String encoded = Base64.getEncoder().encodeToString(document);
            System.out.printf("document: %d nodes, %d bytes as one update%n", nodes, document.length);
            for (int round = 1; round <= 3; round++) {
                System.out.printf("round %d%n", round);
                start = System.nanoTime();
                runtime.bytes("fromDefinition", definition, 7);
                report("  fromDefinition (seed)", start);
                start = System.nanoTime();
                runtime.call("toDefinition", encoded);
                report("  toDefinition (stateless: load + derive)", start);
                start = System.nanoTime();
                runtime.bytes("merge", List.of(encoded));
                report("  merge (stateless: load + encode)", start);
                start = System.nanoTime();
                runtime.call("open", "bench", List.of(encoded));
                report("  open (room's document, whole patch)", start);
                for (int i = 0; i < 5; i++) {
                    Map<String, Object> changed = new LinkedHashMap<>(definition);
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> list = new ArrayList<>((List<Map<String, Object>>) definition.get("nodes"));
                    Map<String, Object> node = new LinkedHashMap<>(list.get(i));
                    node.put("name", "Renamed " + round + "-" + i);
                    list.set(i, node);
                    changed.put("nodes", list);
                    start = System.nanoTime();
                    var answer = runtime.call("define", "bench", changed, 99 + round);
                    report("  define (an API save changing one node)", start);
                    start = System.nanoTime();
                    runtime.call("apply", "bench", List.of(answer.path("value").path("update").asString()));
                    report("  apply (one small update, patch of what it touched)", start);
                }
                start = System.nanoTime();
                runtime.bytes("encode", "bench");
                report("  encode (compaction of an open document)", start);
                runtime.call("close", "bench");
                start = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    YUpdate.stateVector(List.of(YUpdate.read(document)));
                }
                System.out.printf("  Java: read the whole update + state vector %.3f ms%n", (System.nanoTime() - start) / 1e6 / 100);
            }
        }
    }

    private static void report(String what, long start) {
        System.out.printf("%s: %.0f ms%n", what, (System.nanoTime() - start) / 1e6);
    }

    private static Map<String, Object> definition(int count) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> edges = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", "node-" + i);
            node.put("type", "nex7.transform");
            node.put("typeVersion", 1);
            node.put("name", "Transform " + i);
            node.put("position", Map.of("x", (i % 25) * 220, "y", (i / 25) * 140));
            node.put("parameters", Map.of("expression", "{{ $json.items[" + i + "].value * 2 }}", "mode", "each"));
            nodes.add(node);
        }
        for (int i = 1; i < count; i++) {
            edges.add(Map.of("source", "node-" + (i - 1), "sourcePort", "main", "target", "node-" + i, "targetPort", "main"));
        }
        for (int i = 0; edges.size() < count * 6 / 5; i++) {
            edges.add(Map.of("source", "node-" + i, "sourcePort", "main", "target", "node-" + (i + 2), "targetPort", "main"));
        }
        return Map.of("nodes", nodes, "edges", edges, "notes", List.of());
    }
}
