package dev.nex7.plugin.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node type's entry in the catalog ({@code GET /api/node-types}). The canvas palette, the inspector
 * form and the server's validation are all driven by it.
 *
 * @param type the type name used in definitions, lower-case words joined by {@code -}; plugin types are
 *     prefixed with the plugin id and a dot ({@code acme.crm-lookup})
 * @param version the type version; a definition names the version it was written for
 * @param displayName the palette label
 * @param category the palette group ({@code trigger}, {@code flow}, {@code data}, {@code integration}, ...)
 * @param icon an icon name from the canvas's icon set
 * @param description one or two sentences shown in the palette and inspector
 * @param kind trigger or action
 * @param inputs the input ports (none for triggers)
 * @param outputs the output ports with default parameters; see {@link NodeType#outputs(Map)}
 * @param parameterSchema a JSON Schema (draft 2020-12) object describing the parameters, with defaults
 * @param credentials the credential slots
 * @param loop whether edges may lead back into this node (the only way to close a cycle)
 */
public record NodeDescriptor(
        String type,
        int version,
        String displayName,
        String category,
        String icon,
        String description,
        NodeKind kind,
        List<Port> inputs,
        List<Port> outputs,
        Map<String, Object> parameterSchema,
        List<CredentialSlot> credentials,
        boolean loop) {

    public NodeDescriptor {
        Objects.requireNonNull(type, "type");
        if (!type.matches("([a-z][a-z0-9-]*\\.)?[a-z][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("Invalid node type name: " + type);
        }
        if (version < 1) {
            throw new IllegalArgumentException("A node type version starts at 1");
        }
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(kind, "kind");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        parameterSchema = Map.copyOf(parameterSchema);
        credentials = List.copyOf(credentials);
        if (kind == NodeKind.TRIGGER && !inputs.isEmpty()) {
            throw new IllegalArgumentException("A trigger has no input ports: " + type);
        }
    }

    /** Starts a descriptor for {@code type} version {@code version}. */
    public static Builder builder(String type, int version) {
        return new Builder(type, version);
    }

    /** Builds a {@link NodeDescriptor}; every list starts empty and the kind is {@link NodeKind#ACTION}. */
    public static final class Builder {
        private final String type;
        private final int version;
        private String displayName;
        private String category = "other";
        private String icon = "box";
        private String description = "";
        private NodeKind kind = NodeKind.ACTION;
        private final List<Port> inputs = new ArrayList<>();
        private final List<Port> outputs = new ArrayList<>();
        private Map<String, Object> parameterSchema = Schema.object().build();
        private final List<CredentialSlot> credentials = new ArrayList<>();
        private boolean loop;

        private Builder(String type, int version) {
            this.type = type;
            this.version = version;
            this.displayName = type;
        }

        public Builder displayName(String displayName) { this.displayName = displayName; return this; }
        public Builder category(String category) { this.category = category; return this; }
        public Builder icon(String icon) { this.icon = icon; return this; }
        public Builder description(String description) { this.description = description; return this; }
        public Builder trigger() { this.kind = NodeKind.TRIGGER; return this; }
        public Builder input(Port port) { inputs.add(port); return this; }
        public Builder output(Port port) { outputs.add(port); return this; }
        public Builder parameters(Schema.ObjectSchema schema) { this.parameterSchema = schema.build(); return this; }
        public Builder credential(String slot, boolean required, String... kinds) {
            credentials.add(new CredentialSlot(slot, List.of(kinds), required));
            return this;
        }
        /** Lets edges lead back into this node, so that it can close a loop. */
        public Builder loop() { this.loop = true; return this; }

        public NodeDescriptor build() {
            return new NodeDescriptor(type, version, displayName, category, icon, description, kind,
                    inputs, outputs, parameterSchema, credentials, loop);
        }
    }
}
