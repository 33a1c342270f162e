package dev.nex7.plugin.node;

import java.util.Objects;

/**
 * A named input or output of a node.
 *
 * @param name the identifier used in edges ({@code sourcePort}/{@code targetPort})
 * @param displayName what the canvas shows
 * @param type the shape of the value on this port
 */
public record Port(String name, String displayName, PortType type) {

    /** The name of the port every node has on the canvas when its on-error choice is "route". */
    public static final String ERROR = "error";

    /** The conventional name of a node's single input or output. */
    public static final String MAIN = "main";

    public Port {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(type, "type");
        if (!name.matches("[a-zA-Z][a-zA-Z0-9_-]{0,63}")) {
            throw new IllegalArgumentException("A port name is a letter followed by letters, digits, '-' or '_': " + name);
        }
    }

    /** The usual single port: named {@value #MAIN}, any value. */
    public static Port main() {
        return new Port(MAIN, "Main", PortType.ANY);
    }

    public static Port of(String name, String displayName, PortType type) {
        return new Port(name, displayName, type);
    }
}
