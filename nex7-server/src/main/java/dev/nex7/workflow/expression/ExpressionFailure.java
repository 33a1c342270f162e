package dev.nex7.workflow.expression;

/**
 * An expression could not be evaluated. The message is meant for the person who wrote the
 * expression; it never carries a stack trace or data other than the expression's own text.
 */
public class ExpressionFailure extends Exception {

    /** The expression text does not parse. */
    public static final String SYNTAX = "syntax";
    /** Evaluation took longer than the time limit (or nested deeper than allowed). */
    public static final String TIMEOUT = "timeout";
    /** A result, or a string built on the way, is larger than the size limit. */
    public static final String TOO_LARGE = "too-large";
    /** The expression tries something expressions may not do: run code, or reach the host. */
    public static final String FORBIDDEN = "forbidden";
    /** Any other evaluation error ({@code $error()}, a type mismatch, a non-JSON result). */
    public static final String ERROR = "error";

    private final String code;

    public ExpressionFailure(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** One of {@code syntax}, {@code timeout}, {@code too-large}, {@code forbidden}, {@code error}. */
    public String code() {
        return code;
    }

    /** The same failure with {@code where} (a JSON pointer) put in front of the message. */
    ExpressionFailure at(String where) {
        return where.isEmpty() ? this : new ExpressionFailure(code, "At " + where + ": " + getMessage());
    }
}
