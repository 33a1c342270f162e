package dev.nex7.workflow.catalog;

/**
 * One thing wrong with a workflow definition.
 *
 * @param severity {@code error} blocks saving a version and running; {@code warning} does not
 * @param code a stable, machine-readable kind of problem ({@code unknown-type}, {@code cycle}, ...)
 * @param message what is wrong, in a sentence
 * @param nodeId the node concerned, when there is one
 * @param pointer a JSON pointer into the definition ({@code /nodes/2/parameters/url})
 */
public record ValidationProblem(String severity, String code, String message, String nodeId, String pointer) {

    public static ValidationProblem error(String code, String message, String nodeId, String pointer) {
        return new ValidationProblem("error", code, message, nodeId, pointer);
    }

    public static ValidationProblem warning(String code, String message, String nodeId, String pointer) {
        return new ValidationProblem("warning", code, message, nodeId, pointer);
    }

    public boolean isError() {
        return "error".equals(severity);
    }
}
