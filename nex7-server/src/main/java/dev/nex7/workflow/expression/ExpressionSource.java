package dev.nex7.workflow.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.nex7.workflow.expression.JsonataLexer.Kind;
import dev.nex7.workflow.expression.JsonataLexer.Token;

/**
 * Screens an expression's text before JSONata parses it.
 *
 * <p>JSONata evaluated in Java cannot reach the host on its own: a path step only looks a key up in a
 * map, and the only callable things are JSONata's built-in functions and lambdas. The payloads known
 * from JavaScript-based engines ({@code constructor.constructor("return process")()}, {@code __proto__},
 * template literals, {@code $eval}, {@code obj.getClass()}) therefore read nothing in Java; most of them
 * quietly evaluate to nothing. They are refused here anyway, with a message saying why, so that an
 * author (or an attacker probing) learns at once that the door is not there.
 *
 * <p>It also rewrites {@code $node["name"]} to {@code $lookup($node, "name")}: in JSONata a string in
 * brackets is a filter that keeps everything, but {@code $node["Webhook"]} is how people name a node.
 */
final class ExpressionSource {

    /** Names that only appear in JavaScript prototype tricks; no workflow data uses them. */
    private static final Set<String> FORBIDDEN_NAMES = Set.of("constructor", "prototype", "__proto__",
            "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__");

    /** Variables that would run code or name the host if they existed; none is a JSONata function. */
    private static final Set<String> FORBIDDEN_VARIABLES = Set.of("eval", "function", "Function", "this",
            "process", "require", "import", "module", "exports", "global", "globalThis", "window", "java",
            "javax", "Java", "Packages", "constructor", "prototype", "__proto__");

    private static final java.util.regex.Pattern RESERVED_OR_EVAL = java.util.regex.Pattern.compile("\\$(__|eval\\b)");

    /** Names that may be followed by {@code (}: lambda definitions. */
    private static final Set<String> LAMBDA_KEYWORDS = Set.of("function", "λ");

    private ExpressionSource() {
    }

    /** The text JSONata should parse, or a {@code forbidden}/{@code syntax} failure. */
    static String prepare(String expression) throws ExpressionFailure {
        // The two constructs that would run text as code or switch the limits off are also looked for
        // in the raw text, so that no disagreement between this lexer and JSONata's can hide them.
        if (RESERVED_OR_EVAL.matcher(expression).find()) {
            throw forbidden("$eval and variables starting with $__ are not available in expressions"
                    + " (even inside strings): they would run text as code or switch the limits off");
        }
        List<Token> tokens = tokens(expression);
        for (int i = 0; i < tokens.size(); i++) {
            refuseEscapes(tokens.get(i), i + 1 < tokens.size() ? tokens.get(i + 1) : null);
        }
        return rewriteNodeLookups(expression, tokens);
    }

    private static List<Token> tokens(String expression) throws ExpressionFailure {
        JsonataLexer lexer = new JsonataLexer(expression, 0);
        List<Token> tokens = new ArrayList<>();
        for (Token token = lexer.next(); token != null; token = lexer.next()) {
            tokens.add(token);
        }
        return tokens;
    }

    private static void refuseEscapes(Token token, Token next) throws ExpressionFailure {
        boolean isName = token.kind() == Kind.NAME || token.kind() == Kind.QUOTED_NAME;
        if (isName && FORBIDDEN_NAMES.contains(token.text())
                || token.kind() == Kind.STRING && token.text().equals("__proto__")) {
            throw forbidden("'" + token.text() + "' is a JavaScript prototype trick; expressions read JSON data"
                    + " and cannot reach the objects behind it");
        }
        if (token.kind() == Kind.VARIABLE && token.text().startsWith("__")) {
            // JSONata keeps its evaluation hooks in variables named like this; assigning one would switch
            // the time and depth checks off.
            throw forbidden("$" + token.text() + ": variable names starting with __ are reserved");
        }
        if (token.kind() == Kind.VARIABLE && FORBIDDEN_VARIABLES.contains(token.text())) {
            throw forbidden("$" + token.text() + " is not available: expressions read data and call JSONata"
                    + " functions, they cannot run code or reach the host");
        }
        if (token.kind() == Kind.QUOTED_NAME && token.text().contains("${")) {
            throw forbidden("`${...}` template literals are JavaScript, not JSONata; join text with &");
        }
        if (token.kind() == Kind.REGEX && hasNestedRepetition(token.text())) {
            throw forbidden("The regular expression " + token.text() + " repeats a group that itself repeats;"
                    + " such patterns can take exponential time on some inputs. Rewrite it without nesting + or *");
        }
        if (isName && next != null && next.is("(") && !LAMBDA_KEYWORDS.contains(token.text())) {
            throw forbidden("'" + token.text() + "(...)' is not a JSONata function call; expressions can call"
                    + " only JSONata functions such as $string(...), never methods of the host");
        }
    }

    /**
     * Whether a {@code /regex/} repeats a group that contains a repetition, as in {@code (a+)+} or
     * {@code (\\w*\\s?)*}: the classic shape of catastrophic backtracking. Java's regex engine does not
     * look at the clock while it backtracks, so such a pattern is refused before it runs.
     */
    static boolean hasNestedRepetition(String regex) {
        java.util.Deque<boolean[]> groups = new java.util.ArrayDeque<>();
        groups.push(new boolean[1]);
        boolean inClass = false;
        for (int i = 1; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                groups.push(new boolean[1]);
            } else if (c == ')' && groups.size() > 1) {
                boolean repeatsInside = groups.pop()[0];
                boolean repeated = repeats(regex, i + 1);
                if (repeated && repeatsInside) {
                    return true;
                }
                groups.peek()[0] |= repeated || repeatsInside;
            } else if (repeats(regex, i + 1) && c != '/') {
                groups.peek()[0] = true;
            }
        }
        return false;
    }

    /** Whether the character at {@code at} makes what precedes it repeat more than once ({@code * + {n,} {n,m}}). */
    private static boolean repeats(String regex, int at) {
        if (at >= regex.length()) {
            return false;
        }
        char c = regex.charAt(at);
        if (c == '*' || c == '+') {
            return true;
        }
        if (c != '{') {
            return false;
        }
        int close = regex.indexOf('}', at);
        String bounds = close < 0 ? "" : regex.substring(at + 1, close);
        return bounds.matches("\\d+,\\d*") && !bounds.matches("\\d+,[01]") || bounds.matches("\\d+") && !bounds.matches("[01]");
    }

    private static String rewriteNodeLookups(String expression, List<Token> tokens) {
        StringBuilder rewritten = new StringBuilder();
        int copied = 0;
        for (int i = 0; i + 3 < tokens.size(); i++) {
            Token variable = tokens.get(i);
            if (variable.kind() == Kind.VARIABLE && variable.text().equals("node") && tokens.get(i + 1).is("[")
                    && tokens.get(i + 2).kind() == Kind.STRING && tokens.get(i + 3).is("]")) {
                Token name = tokens.get(i + 2);
                rewritten.append(expression, copied, variable.start())
                        .append("$lookup($node, ")
                        .append(expression, name.start(), name.end())
                        .append(')');
                copied = tokens.get(i + 3).end();
                i += 3;
            }
        }
        return copied == 0 ? expression : rewritten.append(expression.substring(copied)).toString();
    }

    private static ExpressionFailure forbidden(String message) {
        return new ExpressionFailure(ExpressionFailure.FORBIDDEN, message);
    }
}
