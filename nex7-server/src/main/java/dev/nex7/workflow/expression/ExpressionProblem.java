package dev.nex7.workflow.expression;

/**
 * A {@code {{ }}} expression in a template that cannot run.
 *
 * @param pointer where the string holding it is, as a JSON pointer relative to the template ({@code ""}
 *     for the template itself, {@code /headers/0/value} inside it)
 * @param message what is wrong, for the editor
 */
public record ExpressionProblem(String pointer, String message) {
}
