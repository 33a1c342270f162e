package dev.nex7.workflow.definition;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One node on the canvas.
 *
 * @param id unique within the definition; edges and expressions refer to it
 * @param type the node type name from the catalog
 * @param typeVersion the node type version the parameters were written for
 * @param name the label; {@code $node["name"]} in expressions refers to it
 * @param position where the canvas draws it
 * @param parameters values for the type's parameter schema; strings may hold {@code {{ }}} expressions
 * @param retry how failed runs are retried; none when absent
 * @param timeout the longest a single attempt may take, in milliseconds; the engine's default when absent
 * @param onError what a failure does once retries are used up; {@code stop} when absent
 * @param credentials a vault credential id per credential slot of the type
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeDefinition(
        String id,
        String type,
        int typeVersion,
        String name,
        Position position,
        Map<String, Object> parameters,
        RetryPolicy retry,
        Long timeout,
        OnError onError,
        Map<String, String> credentials) {

    public NodeDefinition {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        position = position == null ? new Position(0, 0) : position;
    }

    /** The on-error choice, {@link OnError#STOP} when none is written. */
    public OnError onErrorOrDefault() {
        return onError == null ? OnError.STOP : onError;
    }

    /** The label, or the id when the node has no name. */
    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }

    /** Where a node sits on the canvas. */
    public record Position(double x, double y) {
    }
}
