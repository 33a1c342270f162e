package dev.nex7.plugin.node;

/**
 * The shape of the JSON value a port carries. Two ports can be connected when either side is
 * {@link #ANY} or both are the same type.
 */
public enum PortType {
    ANY, OBJECT, ARRAY, TEXT, NUMBER, BOOLEAN;

    /** Whether an output of this type may feed an input of {@code input}'s type. */
    public boolean canFeed(PortType input) {
        return this == ANY || input == ANY || this == input;
    }
}
