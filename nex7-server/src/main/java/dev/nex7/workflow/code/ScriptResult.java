package dev.nex7.workflow.code;

import java.util.List;

/**
 * What a script returned.
 *
 * @param value the returned value as plain JSON ({@code null} when it returned nothing)
 * @param logs the {@code console} lines it wrote, at most the configured number
 */
public record ScriptResult(Object value, List<String> logs) {

    public ScriptResult {
        logs = List.copyOf(logs);
    }
}
