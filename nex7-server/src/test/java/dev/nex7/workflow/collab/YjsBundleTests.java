package dev.nex7.workflow.collab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.nex7.workflow.definition.WorkflowDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Yjs bundle the server runs, and the Java reading of Yjs updates next to it. */
class YjsBundleTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YjsRuntime RUNTIME = YClient.RUNTIME;

    @Test
    void theBundlesYjsIsTheVersionTheWebAppUses() throws IOException {
        String bundled = match(resource(YjsRuntime.BUNDLE), "/\\* yjs-version: ([0-9.]+) \\*/");
        Path web = Path.of("..", "web");
        JsonNode lock = JSON.readTree(Files.readString(web.resolve("package-lock.json")));
        JsonNode pkg = JSON.readTree(Files.readString(web.resolve("package.json")));
        JsonNode locked = lock.path("packages").path("node_modules/yjs").path("version");
        JsonNode declared = pkg.path("dependencies").path("yjs");
        String expected;
        if (locked.isString()) {
            expected = locked.asString();
        } else if (declared.isString()) {
            expected = declared.asString().replaceAll("^[\\^~=]", "");
        } else {
            // The web app does not depend on yjs yet: the bundle must at least be what the script pins.
            expected = match(Files.readString(Path.of("..", "scripts", "collab-bundle.sh")), "YJS_VERSION=\\$\\{YJS_VERSION:-([0-9.]+)}");
        }
        assertThat(bundled).as("regenerate the bundle with scripts/collab-bundle.sh (YJS_VERSION=%s)", expected)
                .isEqualTo(expected);
        assertThat(RUNTIME.call("version").path("value").asString()).isEqualTo(bundled);
    }

    @Test
    void javaReadsTheStateVectorOfAnUpdateAsYjsDoes() {
        byte[] document = RUNTIME.bytes("fromDefinition", definition(20), 11);
        byte[] edit = RUNTIME.bytes("edit", b64(document), 12, new Object[] {Map.of("setField",
                Map.of("id", "n3", "key", "name", "value", "Ünïcødé 🚀 text"))});
        byte[] merged = RUNTIME.bytes("merge", List.of(b64(document), b64(edit)));

        Map<Long, Long> fromJava = YUpdate.stateVector(List.of(YUpdate.read(document), YUpdate.read(edit)));
        Map<Long, Long> fromYjs = YUpdate.readStateVector(RUNTIME.bytes("stateVector", b64(merged)));

        assertThat(fromJava).isEqualTo(fromYjs).containsKeys(11L, 12L);
        // Overwriting a value deletes the old one: an update with deletions always counts as news.
        assertThat(YUpdate.read(edit).deletes()).isTrue();
        byte[] addition = RUNTIME.bytes("edit", b64(merged), 12, new Object[] {Map.of("setNode",
                Map.of("id", "added", "type", "nex7.set", "typeVersion", 1))});
        byte[] withAddition = RUNTIME.bytes("merge", List.of(b64(merged), b64(addition)));
        assertThat(YUpdate.read(addition).coveredBy(YUpdate.readStateVector(RUNTIME.bytes("stateVector", b64(withAddition))))).isTrue();
        assertThat(YUpdate.read(addition).coveredBy(fromYjs)).isFalse();
        assertThat(YUpdate.read(DraftRoom.EMPTY_UPDATE).isEmpty()).isTrue();
    }

    @Test
    void whatIsNotAYjsUpdateIsRefusedBeforeItCouldBeStored() {
        byte[] document = RUNTIME.bytes("fromDefinition", definition(3), 11);
        byte[] truncated = java.util.Arrays.copyOf(document, document.length - 3);
        byte[] trailing = java.util.Arrays.copyOf(document, document.length + 1);

        assertThatThrownBy(() -> YUpdate.read(truncated)).isInstanceOf(Lib0.Malformed.class);
        assertThatThrownBy(() -> YUpdate.read(trailing)).isInstanceOf(Lib0.Malformed.class);
        assertThatThrownBy(() -> YUpdate.read("not an update at all".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Lib0.Malformed.class);
        assertThatThrownBy(() -> YMessages.read(new byte[] {9, 1})).isInstanceOf(Lib0.Malformed.class);
    }

    @Test
    void theJavaSeedIsTheDocumentTheBundleMakes() {
        Map<String, Object> definition = new java.util.LinkedHashMap<>(definition(4));
        Map<String, Object> odd = new java.util.LinkedHashMap<>();
        odd.put("id", "odd");
        odd.put("type", "nex7.set");
        odd.put("typeVersion", 2);
        odd.put("name", "Ünïcødé 🚀 \"quoted\"\n");
        odd.put("position", Map.of("x", -12.5, "y", 0.1));
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        parameters.put("big", 9_007_199_254_740_991L);
        parameters.put("negative", -70_000);
        parameters.put("edge", 2_147_483_648L);
        parameters.put("float", 1.25);
        parameters.put("double", 0.1);
        parameters.put("flags", List.of(true, false));
        parameters.put("nothing", null);
        parameters.put("nested", Map.of("list", List.of(1, "two", Map.of("three", 3))));
        odd.put("parameters", parameters);
        odd.put("timeout", 30_000);
        odd.put("credentials", Map.of("auth", "c1"));
        List<Object> nodes = new ArrayList<>((List<?>) definition.get("nodes"));
        nodes.add(odd);
        definition.put("nodes", nodes);

        byte[] java = YSeed.of(JSON.valueToTree(definition), 42);
        JsonNode fromJava = RUNTIME.call("toDefinition", b64(java)).path("value");
        JsonNode fromBundle = RUNTIME.call("toDefinition", b64(RUNTIME.bytes("fromDefinition", definition, 11))).path("value");

        assertThat(fromJava).isEqualTo(fromBundle);
        assertThat(fromJava.path("nodes")).hasSize(5);
        assertThat(YUpdate.read(java).isEmpty()).isFalse();
        assertThat(YUpdate.stateVector(List.of(YUpdate.read(java)))).containsOnlyKeys(42L);
        assertThat(YSeed.of(JSON.valueToTree(Map.of("nodes", List.of(), "edges", List.of())), 42)).isNull();
    }

    @Test
    void aDefinitionComesBackFromItsDocumentUnchanged() {
        Map<String, Object> definition = definition(5);
        JsonNode back = RUNTIME.call("toDefinition", b64(RUNTIME.bytes("fromDefinition", definition, 11))).path("value");

        WorkflowDefinition original = JSON.convertValue(definition, WorkflowDefinition.class);
        WorkflowDefinition derived = JSON.treeToValue(back, WorkflowDefinition.class);
        // A note without an id gets one (the document keys notes by id); nodes and edges are as they were.
        assertThat(DraftDocuments.sameContent(derived.withGraph(derived.nodes(), derived.edges()),
                new WorkflowDefinition(original.nodes(), original.edges(), derived.notes()))).isTrue();
        assertThat(derived.notes()).containsExactly(Map.of("id", "note-1", "text", "Read me", "color", "yellow"));
        assertThat(back.path("edges").get(0).path("sourcePort").asString()).isEqualTo("main");
        assertThat(back.path("notes").get(0).path("id").asString()).isEqualTo("note-1");
    }

    @Test
    void applyingADefinitionSetsOnlyWhatDiffersSoAConcurrentEditElsewhereSurvives() {
        byte[] document = RUNTIME.bytes("fromDefinition", definition(3), 11);
        byte[] byBrowser = RUNTIME.bytes("edit", b64(document), 12, new Object[] {Map.of("setField",
                Map.of("id", "n0", "key", "name", "value", "Renamed in the browser"))});
        Map<String, Object> saved = definition(3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nodes = new ArrayList<>((List<Map<String, Object>>) saved.get("nodes"));
        Map<String, Object> changed = new java.util.LinkedHashMap<>(nodes.get(2));
        changed.put("parameters", Map.of("url", "https://saved.example"));
        nodes.set(2, changed);
        saved = Map.of("nodes", nodes, "edges", saved.get("edges"), "notes", saved.get("notes"));

        byte[] byApi = RUNTIME.bytes("applyDefinition", b64(document), saved, 13);
        JsonNode merged = RUNTIME.call("toDefinition", b64(RUNTIME.bytes("merge", List.of(b64(document), b64(byBrowser), b64(byApi)))))
                .path("value");

        assertThat(merged.path("nodes").get(0).path("name").asString()).isEqualTo("Renamed in the browser");
        assertThat(merged.path("nodes").get(2).path("parameters").path("url").asString()).isEqualTo("https://saved.example");
        assertThat(RUNTIME.call("applyDefinition", b64(document), definition(3), 14).path("bytes").isMissingNode()).isTrue();
    }

    @Test
    void anOperationOverTheTimeLimitIsStoppedAndTheRuntimeCarriesOn() {
        CollabSettings d = CollabSettings.defaults();
        CollabSettings hurried = new CollabSettings(d.ticketLifetime(), d.maxMessageSize(), d.maxConnectionsPerWorkflow(),
                d.idleTimeout(), d.saveDelay(), d.compactAfterUpdates(), d.compactAfterSize(), d.documentMemoryLimit(),
                Duration.ofMillis(300));
        try (YjsRuntime runtime = new YjsRuntime(hurried, JSON)) {
            assertThatThrownBy(() -> runtime.bytes("fromDefinition", definition(3000), 11))
                    .isInstanceOf(YjsFailure.class).hasMessageContaining("took longer than 300 ms");
            assertThat(YUpdate.readStateVector(runtime.bytes("stateVector", b64(DraftRoom.EMPTY_UPDATE)))).isEmpty();
        }
    }

    private static Map<String, Object> definition(int count) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> edges = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(Map.of("id", "n" + i, "type", "nex7.set", "typeVersion", 1, "name", "Set " + i,
                    "position", Map.of("x", i * 100, "y", 20), "parameters", Map.of("value", i),
                    "retry", Map.of("maxAttempts", 2), "onError", "continue"));
            if (i > 0) {
                edges.add(Map.of("source", "n" + (i - 1), "target", "n" + i));
            }
        }
        return Map.of("nodes", nodes, "edges", edges, "notes", List.of(Map.of("text", "Read me", "color", "yellow")));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String match(String text, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        assertThat(matcher.find()).as("%s in the text", pattern).isTrue();
        return matcher.group(1);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = YjsBundleTests.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
