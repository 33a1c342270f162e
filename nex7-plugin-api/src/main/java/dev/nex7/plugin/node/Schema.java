package dev.nex7.plugin.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the JSON Schema (draft 2020-12) of a node type's parameters without a JSON library.
 *
 * <pre>{@code
 * Schema.object()
 *     .property("url", Schema.string().title("URL").format("uri"), true)
 *     .property("method", Schema.string().enumOf("GET", "POST").defaultValue("GET"), false)
 * }</pre>
 *
 * <p>Two extensions guide the inspector: {@code x-editor} (for example {@code javascript},
 * {@code jsonata}, {@code json}) chooses an editor for a string, and {@code x-expression: false}
 * marks a parameter where {@code {{ }}} expressions are not evaluated (code itself, for example).
 */
public sealed class Schema permits Schema.ObjectSchema {

    protected final Map<String, Object> json = new LinkedHashMap<>();

    private Schema(String type) {
        if (type != null) {
            json.put("type", type);
        }
    }

    public static Schema string() { return new Schema("string"); }
    public static Schema integer() { return new Schema("integer"); }
    public static Schema number() { return new Schema("number"); }
    public static Schema bool() { return new Schema("boolean"); }
    /** Any JSON value. */
    public static Schema any() { return new Schema(null); }
    public static ObjectSchema object() { return new ObjectSchema(); }

    /** An array whose elements match {@code items}. */
    public static Schema array(Schema items) {
        Schema schema = new Schema("array");
        schema.json.put("items", items.build());
        return schema;
    }

    /** An object whose property names are free and whose values match {@code values}. */
    public static Schema map(Schema values) {
        Schema schema = new Schema("object");
        schema.json.put("additionalProperties", values.build());
        return schema;
    }

    public Schema title(String title) { json.put("title", title); return this; }
    public Schema description(String description) { json.put("description", description); return this; }
    public Schema defaultValue(Object value) { json.put("default", value); return this; }
    public Schema format(String format) { json.put("format", format); return this; }
    public Schema minimum(Number minimum) { json.put("minimum", minimum); return this; }
    public Schema maximum(Number maximum) { json.put("maximum", maximum); return this; }
    public Schema minLength(int length) { json.put("minLength", length); return this; }
    public Schema maxLength(int length) { json.put("maxLength", length); return this; }
    public Schema minItems(int count) { json.put("minItems", count); return this; }
    public Schema editor(String editor) { json.put("x-editor", editor); return this; }
    /** Marks a parameter whose text is never evaluated as an expression. */
    public Schema literal() { json.put("x-expression", false); return this; }

    public Schema enumOf(Object... values) {
        json.put("enum", List.of(values));
        return this;
    }

    /** The schema as a JSON object. */
    public Map<String, Object> build() {
        return copy(json);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> map ? copy((Map<String, Object>) map) : value));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** An object schema with named properties; unknown properties are refused. */
    public static final class ObjectSchema extends Schema {
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private final List<String> required = new ArrayList<>();

        private ObjectSchema() {
            super("object");
            json.put("properties", properties);
            json.put("additionalProperties", false);
        }

        public ObjectSchema property(String name, Schema schema, boolean isRequired) {
            properties.put(name, schema.build());
            if (isRequired) {
                required.add(name);
            }
            return this;
        }

        @Override
        public Map<String, Object> build() {
            if (!required.isEmpty()) {
                json.put("required", List.copyOf(required));
            }
            return super.build();
        }

        @Override public ObjectSchema title(String title) { super.title(title); return this; }
        @Override public ObjectSchema description(String description) { super.description(description); return this; }
    }
}
