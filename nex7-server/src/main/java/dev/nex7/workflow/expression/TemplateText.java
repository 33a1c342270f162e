package dev.nex7.workflow.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * A string with {@code {{ }}} expressions in it, split into literal text and expressions.
 *
 * <p>The end of an expression is found with the JSONata lexer, so that {@code {{ {"a": {"b": 1}} }}}
 * (an object constructor ending in {@code }}}) and {@code {{ "}}" }} (a string) are one expression each.
 *
 * @param parts literal text ({@link Part#expression()} false) and expressions, in order
 */
record TemplateText(List<Part> parts) {

    /** @param text the literal text, or the expression without its braces */
    record Part(String text, boolean expression) {
    }

    /** Whether {@code value} holds an expression opening at all. */
    static boolean mayContainExpression(String value) {
        return value.contains("{{");
    }

    static TemplateText parse(String value) throws ExpressionFailure {
        List<Part> parts = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = value.indexOf("{{", from);
            if (open < 0) {
                if (from < value.length()) {
                    parts.add(new Part(value.substring(from), false));
                }
                return new TemplateText(List.copyOf(parts));
            }
            if (open > from) {
                parts.add(new Part(value.substring(from, open), false));
            }
            int close = closingBraces(value, open + 2);
            String expression = value.substring(open + 2, close).strip();
            if (expression.isEmpty()) {
                throw new ExpressionFailure(ExpressionFailure.SYNTAX, "An empty {{ }} expression");
            }
            parts.add(new Part(expression, true));
            from = close + 2;
        }
    }

    /**
     * The single expression when the whole (trimmed) text is one {@code {{ expr }}}: its value is then
     * the expression's JSON value, of any type, instead of text.
     */
    String wholeValueExpression() {
        List<Part> expressions = parts.stream().filter(Part::expression).toList();
        boolean onlyBlankText = parts.stream().filter(part -> !part.expression()).allMatch(part -> part.text().isBlank());
        return expressions.size() == 1 && onlyBlankText ? expressions.getFirst().text() : null;
    }

    private static int closingBraces(String value, int from) throws ExpressionFailure {
        JsonataLexer lexer = new JsonataLexer(value, from);
        int depth = 0;
        for (JsonataLexer.Token token = lexer.next(); token != null; token = lexer.next()) {
            if (token.is("{")) {
                depth++;
            } else if (token.is("}")) {
                if (depth > 0) {
                    depth--;
                } else if (token.end() < value.length() && value.charAt(token.end()) == '}') {
                    return token.start();
                } else {
                    throw new ExpressionFailure(ExpressionFailure.SYNTAX,
                            "Unbalanced } in the expression starting at character " + (from - 1));
                }
            }
        }
        throw new ExpressionFailure(ExpressionFailure.SYNTAX,
                "The {{ at character " + (from - 1) + " is not closed with }}");
    }
}
