package dev.nex7.workflow.nodes.sql;

import java.util.Objects;

/**
 * One SQL statement as the Database query node will send it, with the number of {@code ?}
 * placeholders its parameters are bound to.
 *
 * <p>Text is scanned the way the server reads it: string literals, quoted names and comments are
 * skipped, and a {@code ;} anywhere else but at the very end means a second statement, which is
 * refused. Whether a backslash escapes a quote depends on server settings
 * ({@code standard_conforming_strings}, MySQL's {@code NO_BACKSLASH_ESCAPES}) that are not known
 * here, so the text is scanned both ways and must be one statement with the same placeholders
 * either way: a query can never be read as one statement here and as two by the server.
 *
 * @param text the statement without a trailing {@code ;}
 * @param placeholders how many {@code ?} placeholders it has
 */
public record SqlStatement(String text, int placeholders) {

    public SqlStatement {
        Objects.requireNonNull(text, "text");
    }

    /**
     * Reads one statement.
     *
     * @throws IllegalArgumentException saying what is wrong (several statements, an unterminated
     *     literal or comment, quoting that the two readings disagree on, no statement at all)
     */
    public static SqlStatement parse(String sql, SqlDialect dialect) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("The query is empty");
        }
        Scan standard = new Scanner(sql, dialect, false).scan();
        Scan escaping = new Scanner(sql, dialect, true).scan();
        if (standard.problem() != null && escaping.problem() != null) {
            throw new IllegalArgumentException(standard.problem());
        }
        if (standard.problem() != null || escaping.problem() != null || standard.end() != escaping.end()
                || standard.placeholders() != escaping.placeholders()) {
            throw new IllegalArgumentException("The query's quoting reads differently depending on whether a backslash "
                    + "escapes a quote; pass such values as parameters instead of writing them into the query");
        }
        String text = sql.substring(0, standard.end()).strip();
        if (text.isEmpty() || !standard.hasCode()) {
            throw new IllegalArgumentException("The query holds no statement");
        }
        return new SqlStatement(text, standard.placeholders());
    }

    /**
     * What one reading found.
     *
     * @param end where the statement ends (before a trailing {@code ;})
     * @param placeholders the placeholders before that
     * @param hasCode whether anything but comments and white space was found
     * @param problem why the text is refused, or {@code null}
     */
    private record Scan(int end, int placeholders, boolean hasCode, String problem) {
    }

    /** One left-to-right reading of the text. */
    private static final class Scanner {

        private final String sql;
        private final SqlDialect dialect;
        private final boolean backslashEscapes;
        private int at;
        private int placeholders;
        private boolean hasCode;

        Scanner(String sql, SqlDialect dialect, boolean backslashEscapes) {
            this.sql = sql;
            this.dialect = dialect;
            this.backslashEscapes = backslashEscapes;
        }

        Scan scan() {
            try {
                while (at < sql.length()) {
                    char c = sql.charAt(at);
                    if (c == ';') {
                        int end = at;
                        at++;
                        skipBlank();
                        if (at < sql.length()) {
                            return new Scan(end, placeholders, hasCode, "The query holds more than one statement; "
                                    + "a Database query node runs exactly one");
                        }
                        return new Scan(end, placeholders, hasCode, null);
                    }
                    if (Character.isWhitespace(c)) {
                        at++;
                    } else if (!skipCommentAt()) {
                        hasCode = true;
                        token(c);
                    }
                }
                return new Scan(sql.length(), placeholders, hasCode, null);
            } catch (IllegalArgumentException unterminated) {
                return new Scan(sql.length(), placeholders, hasCode, unterminated.getMessage());
            }
        }

        private void token(char c) {
            switch (c) {
                case '\'' -> quoted('\'', backslashEscapes);
                case '"' -> quoted('"', dialect == SqlDialect.MYSQL && backslashEscapes);
                case '`' -> {
                    if (dialect == SqlDialect.MYSQL) {
                        quoted('`', false);
                    } else {
                        at++;
                    }
                }
                case '$' -> dollar();
                case '?' -> question();
                case 'e', 'E' -> {
                    if (dialect == SqlDialect.POSTGRES && next(1) == '\'' && !identifierBefore()) {
                        at++;
                        quoted('\'', true);
                    } else {
                        at++;
                    }
                }
                default -> at++;
            }
        }

        /** Skips a literal or quoted name opened at {@code at}; a doubled quote stands for itself. */
        private void quoted(char quote, boolean escapes) {
            int start = at;
            at++;
            while (at < sql.length()) {
                char c = sql.charAt(at);
                if (escapes && c == '\\') {
                    at += 2;
                    continue;
                }
                if (c == quote) {
                    if (next(1) == quote) {
                        at += 2;
                        continue;
                    }
                    at++;
                    return;
                }
                at++;
            }
            throw new IllegalArgumentException("The query has an unterminated " + (quote == '\'' ? "string" : "quoted name")
                    + " starting at character " + (start + 1));
        }

        /** PostgreSQL's {@code $tag$ ... $tag$} strings; a {@code $} elsewhere ({@code $1}, in names) is code. */
        private void dollar() {
            if (dialect != SqlDialect.POSTGRES || identifierBefore()) {
                at++;
                return;
            }
            int close = at + 1;
            while (close < sql.length() && isTagCharacter(sql.charAt(close), close == at + 1)) {
                close++;
            }
            if (close >= sql.length() || sql.charAt(close) != '$') {
                at++;
                return;
            }
            String tag = sql.substring(at, close + 1);
            int end = sql.indexOf(tag, close + 1);
            if (end < 0) {
                throw new IllegalArgumentException("The query has an unterminated " + tag + " string starting at character "
                        + (at + 1));
            }
            at = end + tag.length();
        }

        private static boolean isTagCharacter(char c, boolean first) {
            return Character.isLetter(c) || c == '_' || (!first && Character.isDigit(c));
        }

        /** A {@code ?} is a placeholder; in PostgreSQL {@code ??} is the driver's escape for a literal {@code ?}. */
        private void question() {
            if (dialect == SqlDialect.POSTGRES && next(1) == '?') {
                at += 2;
                return;
            }
            placeholders++;
            at++;
        }

        private boolean skipCommentAt() {
            char c = sql.charAt(at);
            if (c == '-' && next(1) == '-' && (dialect == SqlDialect.POSTGRES || isSpaceOrEnd(at + 2))) {
                skipLine();
                return true;
            }
            if (c == '#' && dialect == SqlDialect.MYSQL) {
                skipLine();
                return true;
            }
            if (c == '/' && next(1) == '*') {
                // MySQL runs the text of /*! ... */ and /*M! ... */: it is code, not a comment.
                if (dialect == SqlDialect.MYSQL && (next(2) == '!' || (next(2) == 'M' && next(3) == '!'))) {
                    return false;
                }
                skipBlockComment();
                return true;
            }
            return false;
        }

        private void skipLine() {
            while (at < sql.length() && sql.charAt(at) != '\n') {
                at++;
            }
        }

        /** PostgreSQL nests block comments; MySQL ends one at the first {@code *}{@code /}. */
        private void skipBlockComment() {
            int start = at;
            int depth = 0;
            while (at < sql.length()) {
                if (sql.charAt(at) == '/' && next(1) == '*') {
                    depth = dialect == SqlDialect.POSTGRES ? depth + 1 : 1;
                    at += 2;
                } else if (sql.charAt(at) == '*' && next(1) == '/') {
                    depth--;
                    at += 2;
                    if (depth == 0) {
                        return;
                    }
                } else {
                    at++;
                }
            }
            throw new IllegalArgumentException("The query has an unterminated comment starting at character " + (start + 1));
        }

        private void skipBlank() {
            while (at < sql.length()) {
                if (Character.isWhitespace(sql.charAt(at))) {
                    at++;
                } else if (!skipCommentAt()) {
                    return;
                }
            }
        }

        private boolean identifierBefore() {
            if (at == 0) {
                return false;
            }
            char before = sql.charAt(at - 1);
            return Character.isLetterOrDigit(before) || before == '_' || before == '$';
        }

        private boolean isSpaceOrEnd(int index) {
            return index >= sql.length() || Character.isWhitespace(sql.charAt(index)) || Character.isISOControl(sql.charAt(index));
        }

        private char next(int offset) {
            int index = at + offset;
            return index < sql.length() ? sql.charAt(index) : '\0';
        }
    }
}
