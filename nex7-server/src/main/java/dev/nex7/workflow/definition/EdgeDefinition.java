package dev.nex7.workflow.definition;

/**
 * A connection from {@code source}'s output port to {@code target}'s input port. Ports default to
 * {@code main} when left out.
 */
public record EdgeDefinition(String source, String sourcePort, String target, String targetPort) {

    public EdgeDefinition {
        sourcePort = sourcePort == null || sourcePort.isBlank() ? "main" : sourcePort;
        targetPort = targetPort == null || targetPort.isBlank() ? "main" : targetPort;
    }
}
