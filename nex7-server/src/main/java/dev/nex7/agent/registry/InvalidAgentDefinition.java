package dev.nex7.agent.registry;

/**
 * An agent definition file cannot be used. It stops start-up: running without an agent the
 * operator shipped, or with a half-read one, would be worse than not starting.
 */
public class InvalidAgentDefinition extends RuntimeException {

    public InvalidAgentDefinition(String location, String reason) {
        super("Agent definition " + location + " is invalid: " + reason);
    }

    public InvalidAgentDefinition(String location, String reason, Throwable cause) {
        super("Agent definition " + location + " is invalid: " + reason, cause);
    }
}
