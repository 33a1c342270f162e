package dev.nex7.workflow.collab;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The Yjs update that makes a fresh document hold a draft — the document the bundle's
 * {@code fromDefinition} makes — written in Java. Seeding in QuickJS takes seconds for a 500-node
 * draft, and the first person to open a workflow would wait for it; this takes milliseconds, and the
 * server's own document is loaded from it in the background.
 *
 * <p>Yjs update format v1: the structs of one client in clock order, then an empty delete set. Every
 * entry is a map item with neither origin (nothing was there before) and its parent named: a root
 * map's name, or the id of the {@code Y.Map} item it belongs to (a node's, or its parameters').
 */
final class YSeed {

    /** The node keys the document keeps, in the order the bundle writes them. */
    private static final List<String> NODE_KEYS = List.of("id", "type", "typeVersion", "name", "position", "parameters", "retry", "timeout",
            "onError", "credentials");
    private static final int CONTENT_TYPE = 7;
    private static final int CONTENT_ANY = 8;
    private static final int Y_MAP = 1;
    private static final int HAS_PARENT_SUB = 0x20;
    private static final long BITS31 = 0x7FFFFFFFL;

    private final long client;
    private final Lib0.Encoder structs = new Lib0.Encoder();
    private long clock;

    private YSeed(long client) {
        this.client = client;
    }

    /**
     * The update that makes a fresh document hold {@code definition} ({@code {nodes, edges, notes}} as
     * JSON), written by client {@code clientId}; {@code null} when the draft is empty.
     */
    static byte[] of(JsonNode definition, long clientId) {
        YSeed seed = new YSeed(clientId & 0xFFFFFFFFL);
        // One entry per key, the last one winning, as when the bundle sets them one after the other.
        Map<String, JsonNode> nodes = new LinkedHashMap<>();
        for (JsonNode node : definition.path("nodes")) {
            if (node.isObject() && node.path("id").isString()) {
                nodes.put(node.path("id").asString(), node);
            }
        }
        Map<String, Object> edges = new LinkedHashMap<>();
        for (JsonNode edge : definition.path("edges")) {
            if (edge.isObject() && edge.path("source").isString() && edge.path("target").isString()) {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("source", edge.path("source").asString());
                value.put("sourcePort", port(edge.path("sourcePort")));
                value.put("target", edge.path("target").asString());
                value.put("targetPort", port(edge.path("targetPort")));
                edges.put(value.get("source") + ":" + value.get("sourcePort") + "->" + value.get("target") + ":" + value.get("targetPort"), value);
            }
        }
        Map<String, Object> notes = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode note : definition.path("notes")) {
            index++;
            if (note.isObject()) {
                String id = note.path("id").isString() && !note.path("id").asString().isEmpty() ? note.path("id").asString() : "note-" + index;
                @SuppressWarnings("unchecked")
                Map<String, Object> value = (Map<String, Object>) plain(note);
                value.put("id", id);
                notes.put(id, value);
            }
        }
        nodes.forEach((id, node) -> seed.node(id, node));
        edges.forEach((key, value) -> seed.entry(null, "edges", key, value));
        notes.forEach((id, value) -> seed.entry(null, "notes", id, value));
        return seed.clock == 0 ? null : seed.toBytes();
    }

    private static String port(JsonNode port) {
        return port.isString() && !port.asString().isEmpty() ? port.asString() : "main";
    }

    /**
     * A node: its {@code Y.Map} in the root map {@code nodes}, then one entry per key it has; its
     * parameters are a {@code Y.Map} of their own, one entry per parameter.
     */
    private void node(String id, JsonNode node) {
        long mapClock = map(null, "nodes", id);
        for (String key : NODE_KEYS) {
            Object value = "id".equals(key) ? id : plain(node.path(key));
            if ("parameters".equals(key)) {
                if (value instanceof Map<?, ?> parameters) {
                    long parametersClock = map(mapClock, null, key);
                    // A parameter set to null is no parameter (as the bundle and the editor see it).
                    parameters.forEach((name, parameter) -> {
                        if (parameter != JsonNull.NULL) {
                            entry(parametersClock, null, String.valueOf(name), parameter);
                        }
                    });
                }
            } else if (value != null) {
                entry(mapClock, null, key, value);
            }
        }
    }

    /** A new {@code Y.Map} under {@code key}; returns the clock of its item (the parent of its entries). */
    private long map(Long parentClock, String root, String key) {
        long itemClock = clock;
        structs.writeUint8(CONTENT_TYPE | HAS_PARENT_SUB);
        parent(parentClock, root);
        structs.writeVarString(key);
        structs.writeVarUint(Y_MAP);
        clock++;
        return itemClock;
    }

    private void parent(Long parentClock, String root) {
        if (parentClock == null) {
            structs.writeVarUint(1).writeVarString(root);
        } else {
            structs.writeVarUint(0).writeVarUint(client).writeVarUint(parentClock);
        }
    }

    /** A plain value under {@code key}, in the root map {@code root} or in the node map item at {@code parentClock}. */
    private void entry(Long parentClock, String root, String key, Object value) {
        structs.writeUint8(CONTENT_ANY | HAS_PARENT_SUB);
        parent(parentClock, root);
        structs.writeVarString(key);
        structs.writeVarUint(1);
        writeAny(value);
        clock++;
    }

    private byte[] toBytes() {
        Lib0.Encoder update = new Lib0.Encoder();
        update.writeVarUint(1).writeVarUint(clock).writeVarUint(client).writeVarUint(0);
        update.writeBytes(structs.toBytes());
        update.writeVarUint(0); // no deletions
        return update.toBytes();
    }

    /** A JSON node as plain Java values (maps keep their order); {@code null} for missing or null. */
    private static Object plain(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.properties().forEach(entry -> map.put(entry.getKey(), plainOrNull(entry.getValue())));
            return map;
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            value.forEach(item -> list.add(plainOrNull(item)));
            return list;
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.isIntegralNumber() && value.canConvertToLong() ? (Object) value.asLong() : (Object) value.asDouble();
    }

    /** Inside objects and arrays a JSON null stays a null (the bundle's clone keeps it). */
    private static Object plainOrNull(JsonNode value) {
        return value.isNull() ? JsonNull.NULL : plain(value);
    }

    /** A JSON null inside a value (as opposed to an absent key). */
    private enum JsonNull { NULL }

    /** lib0's {@code writeAny}, for the values JSON has (numbers as JavaScript holds them). */
    private void writeAny(Object value) {
        switch (value) {
            case JsonNull ignored -> structs.writeUint8(126);
            case String text -> structs.writeUint8(119).writeVarString(text);
            case Boolean flag -> structs.writeUint8(flag ? 120 : 121);
            case Long number when Math.abs(number) <= BITS31 -> {
                structs.writeUint8(125);
                writeVarInt(number);
            }
            case Long number -> writeDouble(number.doubleValue());
            case Double number -> writeDouble(number);
            case List<?> items -> {
                structs.writeUint8(117).writeVarUint(items.size());
                items.forEach(this::writeAny);
            }
            case Map<?, ?> map -> {
                structs.writeUint8(118).writeVarUint(map.size());
                map.forEach((key, item) -> {
                    structs.writeVarString(String.valueOf(key));
                    writeAny(item);
                });
            }
            default -> throw new IllegalArgumentException("Not a JSON value: " + value.getClass().getName());
        }
    }

    private void writeDouble(double number) {
        if (number == Math.rint(number) && Math.abs(number) <= BITS31 && !(number == 0 && 1 / number < 0)) {
            structs.writeUint8(125);
            writeVarInt((long) number);
        } else if ((double) (float) number == number) {
            structs.writeUint8(124).writeBytes(ByteBuffer.allocate(4).putFloat((float) number).array());
        } else {
            structs.writeUint8(123).writeBytes(ByteBuffer.allocate(8).putDouble(number).array());
        }
    }

    /** lib0's signed varint: continuation, sign and 6 bits first, then 7 bits a byte. */
    private void writeVarInt(long number) {
        boolean negative = number < 0;
        long rest = Math.abs(number);
        structs.writeUint8((int) ((rest > 0x3F ? 0x80 : 0) | (negative ? 0x40 : 0) | (rest & 0x3F)));
        rest >>>= 6;
        while (rest > 0) {
            structs.writeUint8((int) ((rest > 0x7F ? 0x80 : 0) | (rest & 0x7F)));
            rest >>>= 7;
        }
    }
}
