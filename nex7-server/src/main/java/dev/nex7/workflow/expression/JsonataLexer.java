package dev.nex7.workflow.expression;

/**
 * Splits JSONata text into tokens the way JSONata's own tokenizer does, which is not public. NEX7 needs
 * the tokens for three things the library cannot do: finding where a {@code {{ }}} expression ends
 * (a {@code }}} inside a string or an object constructor does not end it), refusing names that only
 * make sense as escape attempts, and rewriting {@code $node["name"]}.
 *
 * <p>Like JSONata, a {@code /} starts a regular expression where an operand is expected and is the
 * division operator after one.
 */
final class JsonataLexer {

    enum Kind { NAME, QUOTED_NAME, VARIABLE, STRING, NUMBER, REGEX, OPERATOR }

    /**
     * @param text the name, variable name (without {@code $}), string value (escapes decoded), or operator
     * @param start index of the token's first character in the source
     * @param end index just after its last character
     */
    record Token(Kind kind, String text, int start, int end) {

        boolean is(String operator) {
            return kind == Kind.OPERATOR && text.equals(operator);
        }

        /** Whether a {@code /} right after this token divides (instead of starting a regex). */
        boolean endsOperand() {
            return switch (kind) {
                case OPERATOR -> is(")") || is("]") || is("}");
                case NAME -> !(text.equals("and") || text.equals("or") || text.equals("in"));
                default -> true;
            };
        }
    }

    private static final String OPERATOR_CHARS = ".[]{}(),@#;:?+-*/%|=<>^&!~";
    private static final String[] DOUBLE_OPERATORS = {"..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"};
    private static final String WHITESPACE = " \t\n\r";

    private final String source;
    private int position;
    private Token previous;

    JsonataLexer(String source, int start) {
        this.source = source;
        this.position = start;
    }

    /** The next token, or {@code null} at the end of the source. */
    Token next() throws ExpressionFailure {
        skipWhitespaceAndComments();
        if (position >= source.length()) {
            return null;
        }
        Token token = scan();
        previous = token;
        return token;
    }

    private Token scan() throws ExpressionFailure {
        Token token = scanToken();
        // Where an operand is expected, * and ** are wildcards and % is the parent: operands, after
        // which a / divides. Treating them as operators would read "a.* / 2 ... /" as a regex.
        boolean operandExpected = previous == null || !previous.endsOperand();
        if (operandExpected && (token.is("*") || token.is("**") || token.is("%"))) {
            return new Token(Kind.NAME, token.text(), token.start(), token.end());
        }
        return token;
    }

    private Token scanToken() throws ExpressionFailure {
        char c = source.charAt(position);
        int start = position;
        if (c == '/' && (previous == null || !previous.endsOperand())) {
            return regex(start);
        }
        for (String operator : DOUBLE_OPERATORS) {
            if (source.startsWith(operator, position)) {
                position += 2;
                return new Token(Kind.OPERATOR, operator, start, position);
            }
        }
        if (OPERATOR_CHARS.indexOf(c) >= 0) {
            position++;
            return new Token(Kind.OPERATOR, String.valueOf(c), start, position);
        }
        if (c == '"' || c == '\'') {
            return string(c, start);
        }
        if (c >= '0' && c <= '9') {
            return number(start);
        }
        if (c == '`') {
            int close = source.indexOf('`', position + 1);
            if (close < 0) {
                throw syntax("A `quoted name` is not closed", start);
            }
            position = close + 1;
            return new Token(Kind.QUOTED_NAME, source.substring(start + 1, close), start, position);
        }
        while (position < source.length() && WHITESPACE.indexOf(source.charAt(position)) < 0
                && OPERATOR_CHARS.indexOf(source.charAt(position)) < 0) {
            position++;
        }
        if (c == '$') {
            return new Token(Kind.VARIABLE, source.substring(start + 1, position), start, position);
        }
        return new Token(Kind.NAME, source.substring(start, position), start, position);
    }

    private void skipWhitespaceAndComments() throws ExpressionFailure {
        while (position < source.length()) {
            if (WHITESPACE.indexOf(source.charAt(position)) >= 0) {
                position++;
            } else if (source.startsWith("/*", position)) {
                int close = source.indexOf("*/", position + 2);
                if (close < 0) {
                    throw syntax("A /* comment */ is not closed", position);
                }
                position = close + 2;
            } else {
                return;
            }
        }
    }

    private Token string(char quote, int start) throws ExpressionFailure {
        StringBuilder value = new StringBuilder();
        position++;
        while (position < source.length()) {
            char c = source.charAt(position++);
            if (c == quote) {
                return new Token(Kind.STRING, value.toString(), start, position);
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (position >= source.length()) {
                break;
            }
            char escaped = source.charAt(position++);
            switch (escaped) {
                case '"', '\\', '/' -> value.append(escaped);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    if (position + 4 > source.length()) {
                        throw syntax("A \\u escape needs four hex digits", position);
                    }
                    try {
                        value.append((char) Integer.parseInt(source.substring(position, position + 4), 16));
                    } catch (NumberFormatException e) {
                        throw syntax("A \\u escape needs four hex digits", position);
                    }
                    position += 4;
                }
                default -> throw syntax("Unknown escape \\" + escaped + " in a string", position - 1);
            }
        }
        throw syntax("A string is not closed", start);
    }

    private Token number(int start) {
        while (position < source.length() && Character.isDigit(source.charAt(position))) {
            position++;
        }
        if (position + 1 < source.length() && source.charAt(position) == '.' && Character.isDigit(source.charAt(position + 1))) {
            position++;
            while (position < source.length() && Character.isDigit(source.charAt(position))) {
                position++;
            }
        }
        if (position < source.length() && (source.charAt(position) == 'e' || source.charAt(position) == 'E')) {
            int mark = position++;
            if (position < source.length() && (source.charAt(position) == '+' || source.charAt(position) == '-')) {
                position++;
            }
            if (position < source.length() && Character.isDigit(source.charAt(position))) {
                while (position < source.length() && Character.isDigit(source.charAt(position))) {
                    position++;
                }
            } else {
                position = mark;
            }
        }
        return new Token(Kind.NUMBER, source.substring(start, position), start, position);
    }

    /** Scans {@code /pattern/flags}; a {@code /} inside brackets or escaped does not close it. */
    private Token regex(int start) throws ExpressionFailure {
        position++;
        int depth = 0;
        while (position < source.length()) {
            char c = source.charAt(position);
            if (c == '\\') {
                position += 2;
                continue;
            }
            if (c == '/' && depth == 0) {
                if (position == start + 1) {
                    throw syntax("Empty regular expressions are not allowed", start);
                }
                position++;
                while (position < source.length() && Character.isLetter(source.charAt(position))) {
                    position++;
                }
                return new Token(Kind.REGEX, source.substring(start, position), start, position);
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            position++;
        }
        throw syntax("A /regular expression/ is not closed", start);
    }

    private static ExpressionFailure syntax(String message, int at) {
        return new ExpressionFailure(ExpressionFailure.SYNTAX, message + " (at character " + (at + 1) + ")");
    }
}
