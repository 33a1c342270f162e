package dev.nex7.workflow.expression;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.dashjoin.jsonata.Utils;

/**
 * JSONata built-in functions that NEX7 replaces in every evaluation, because the library's versions
 * can escape the limits or read the wrong clock:
 *
 * <ul>
 *   <li>{@code $eval} parses and runs text built at run time; it is refused.
 *   <li>{@code $pad} builds its padding by repeated concatenation: {@code $pad("", 100000000)} runs
 *       for minutes in one step, where no time check can stop it.
 *   <li>{@code $replace} can multiply its input ({@code count × replacement}), and with a function
 *       replacement it swallows every exception (printing a stack trace per match).
 *   <li>{@code $match}, {@code $contains} and {@code $split} run regular expressions on the text as
 *       it is; here they read it through {@link DeadlineText}, so that a pattern that backtracks
 *       for ever is stopped by the time limit like any other loop.
 *   <li>{@code $join} and {@code $string} can build a huge string in one step from shared values.
 *   <li>{@code $fromMillis} and {@code $now} pad to any width a picture asks for ({@code [Y,1000000000]}).
 *   <li>{@code $now} and {@code $millis} read a timestamp that the library keeps per thread and can
 *       leave stale; here they read the injected {@link Clock}.
 * </ul>
 *
 * <p>Each replacement checks the size of what it is about to build against the current {@link Budget}
 * before building it, and then does what the JSONata reference implementation does.
 */
final class BoundedFunctions {

    /** Widths in date/time pictures above this are refused; no real format needs more. */
    private static final int MAX_PICTURE_WIDTH = 64;
    private static final Pattern PICTURE_MARKER = Pattern.compile("\\[([^\\]]*)]");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final Map<String, JFunction> functions = new LinkedHashMap<>();

    BoundedFunctions(Clock clock) {
        functions.put("eval", new JFunction((input, args) -> {
            throw refused(ExpressionFailure.FORBIDDEN, "$eval is not available: expressions cannot run text as code");
        }, "<sx?:x>"));
        functions.put("millis", new JFunction((input, args) -> clock.millis(), "<:n>"));
        functions.put("now", new JFunction((input, args) -> Functions.dateTimeFromMillis(clock.millis(),
                checkedPicture(arg(args, 0)), (String) arg(args, 1)), "<s?s?:s>"));
        functions.put("fromMillis", new JFunction((input, args) -> Functions.dateTimeFromMillis((Number) arg(args, 0),
                checkedPicture(arg(args, 1)), (String) arg(args, 2)), "<n-s?s?:s>"));
        functions.put("pad", new JFunction((input, args) -> pad((String) arg(args, 0), (Number) arg(args, 1),
                (String) arg(args, 2)), "<s-ns?:s>"));
        functions.put("join", new JFunction((input, args) -> join(arg(args, 0), (String) arg(args, 1)), "<a<s>s?:s>"));
        functions.put("string", new JFunction((input, args) -> string(arg(args, 0), (Boolean) arg(args, 1)), "<x-b?:s>"));
        functions.put("replace", new JFunction((input, args) -> replace((String) arg(args, 0), arg(args, 1),
                arg(args, 2), (Number) arg(args, 3)), "<s-(sf)(sf)n?:s>"));
        functions.put("match", new JFunction((input, args) -> match((String) arg(args, 0), (Pattern) arg(args, 1),
                (Number) arg(args, 2)), "<s-f<s:o>n?:a<o>>"));
        functions.put("contains", new JFunction((input, args) -> contains((String) arg(args, 0), arg(args, 1)), "<s-(sf):b>"));
        functions.put("split", new JFunction((input, args) -> split((String) arg(args, 0), arg(args, 1),
                (Number) arg(args, 2)), "<s-(sf)n?:a<s>>"));
    }

    /** Puts the replacements into {@code frame}, where they hide the library's functions of the same names. */
    void bindTo(Jsonata.Frame frame) {
        functions.forEach(frame::bind);
    }

    private static Object arg(List<?> args, int index) {
        return args != null && index < args.size() ? args.get(index) : null;
    }

    private static Budget.Exhausted refused(String code, String message) {
        ExpressionFailure failure = new ExpressionFailure(code, message);
        Budget.current().exhaust(failure);
        return new Budget.Exhausted(failure);
    }

    private static String checkedPicture(Object picture) {
        if (picture instanceof String text) {
            Matcher marker = PICTURE_MARKER.matcher(text);
            while (marker.find()) {
                String spec = marker.group(1);
                int comma = spec.indexOf(',');
                Matcher width = DIGITS.matcher(comma < 0 ? "" : spec.substring(comma));
                while (width.find()) {
                    if (width.group().length() > 3 || Integer.parseInt(width.group()) > MAX_PICTURE_WIDTH) {
                        throw refused(ExpressionFailure.TOO_LARGE, "Date/time picture widths above "
                                + MAX_PICTURE_WIDTH + " are not supported: " + marker.group());
                    }
                }
            }
        }
        return (String) picture;
    }

    private static String pad(String text, Number width, String padding) {
        if (text == null) {
            return null;
        }
        String fill = padding == null || padding.isEmpty() ? " " : padding;
        long target = Math.abs(width.longValue());
        Budget.current().checkSize(target, "$pad's result");
        int missing = (int) target - text.codePointCount(0, text.length());
        if (missing <= 0) {
            return text;
        }
        int[] fillPoints = fill.codePoints().toArray();
        StringBuilder pad = new StringBuilder(missing);
        for (int i = 0; i < missing; i++) {
            pad.appendCodePoint(fillPoints[i % fillPoints.length]);
        }
        return width.longValue() < 0 ? pad + text : text + pad;
    }

    @SuppressWarnings("unchecked")
    private static String join(Object strings, String separator) {
        if (strings == null) {
            return null;
        }
        List<Object> items = strings instanceof List<?> list ? (List<Object>) list : List.of(strings);
        String glue = separator == null ? "" : separator;
        long length = (long) glue.length() * Math.max(0, items.size() - 1);
        for (Object item : items) {
            length += String.valueOf(item).length();
        }
        Budget.current().checkSize(length, "$join's result");
        StringBuilder joined = new StringBuilder((int) length);
        for (int i = 0; i < items.size(); i++) {
            joined.append(i == 0 ? "" : glue).append(items.get(i));
        }
        return joined.toString();
    }

    private static String string(Object value, Boolean prettify) {
        Budget budget = Budget.current();
        budget.checkSize(JsonResult.measure(value, budget.maxChars() + 1), "$string's result");
        return Functions.string(value, prettify != null && prettify);
    }

    /** JSONata's {@code $replace}, built step by step with the size checked after every replacement. */
    private static String replace(String text, Object pattern, Object replacement, Number limit) throws Throwable {
        if (text == null) {
            return null;
        }
        if (pattern instanceof String literal && literal.isEmpty()) {
            throw new JException("D3010", -1);
        }
        if (limit != null && limit.longValue() < 0) {
            throw new JException("D3011", -1);
        }
        long max = limit == null ? Long.MAX_VALUE : limit.longValue();
        Budget budget = Budget.current();
        StringBuilder result = new StringBuilder();
        int position = 0;
        long count = 0;
        if (pattern instanceof String literal) {
            for (int index = text.indexOf(literal); index >= 0 && count < max; index = text.indexOf(literal, position)) {
                result.append(text, position, index).append(replacement(replacement, literal, index, List.of(), false));
                position = index + literal.length();
                count++;
                budget.checkSize(result.length(), "$replace's result");
            }
        } else {
            Matcher matcher = ((Pattern) pattern).matcher(new DeadlineText(text, budget));
            while (count < max && matcher.find()) {
                if (matcher.end() == matcher.start()) {
                    throw new JException("D1004", -1);
                }
                result.append(text, position, matcher.start())
                        .append(replacement(replacement, matcher.group(), matcher.start(), groups(matcher), true));
                position = matcher.end();
                count++;
                budget.checkSize(result.length(), "$replace's result");
            }
        }
        return result.append(text, position, text.length()).toString();
    }

    private static Object match(String text, Pattern pattern, Number limit) {
        if (text == null) {
            return null;
        }
        if (limit != null && limit.longValue() < 0) {
            throw new JException("D3040", -1, limit);
        }
        long max = limit == null ? Long.MAX_VALUE : limit.longValue();
        // A JSONata sequence, so that a single match comes out as an object, as in the reference implementation.
        List<Object> matches = Utils.createSequence();
        Matcher matcher = pattern.matcher(new DeadlineText(text, Budget.current()));
        while (matches.size() < max && matcher.find()) {
            Map<String, Object> found = new LinkedHashMap<>();
            found.put("match", matcher.group());
            found.put("index", (long) matcher.start());
            found.put("groups", groups(matcher));
            matches.add(found);
        }
        return matches;
    }

    private static Boolean contains(String text, Object pattern) {
        if (text == null) {
            return null;
        }
        return pattern instanceof Pattern regex
                ? regex.matcher(new DeadlineText(text, Budget.current())).find()
                : text.contains(String.valueOf(pattern));
    }

    private static List<String> split(String text, Object separator, Number limit) {
        if (text == null) {
            return null;
        }
        if (limit != null && limit.longValue() < 0) {
            throw new JException("D3020", -1, text);
        }
        int max = limit == null ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, limit.longValue());
        List<String> parts = new ArrayList<>();
        if (separator instanceof String literal && literal.isEmpty()) {
            text.codePoints().limit(max).forEach(point -> parts.add(Character.toString(point)));
            return parts;
        }
        Pattern pattern = separator instanceof Pattern regex ? regex : Pattern.compile(Pattern.quote(String.valueOf(separator)));
        Matcher matcher = pattern.matcher(new DeadlineText(text, Budget.current()));
        int position = 0;
        while (parts.size() < max && matcher.find()) {
            parts.add(text.substring(position, matcher.start()));
            position = matcher.end();
        }
        if (parts.size() < max) {
            parts.add(text.substring(position));
        }
        return parts;
    }

    private static List<String> groups(MatchResult match) {
        List<String> groups = new ArrayList<>();
        for (int group = 1; group <= match.groupCount(); group++) {
            groups.add(match.group(group));
        }
        return groups;
    }

    private static String replacement(Object replacement, String match, int index, List<String> groups, boolean regex)
            throws Throwable {
        if (replacement instanceof String text) {
            return regex ? substitute(text, match, groups) : text;
        }
        Map<String, Object> found = new LinkedHashMap<>();
        found.put("match", match);
        found.put("index", (long) index);
        found.put("groups", groups);
        Object result = Functions.funcApply(replacement, List.of(found));
        if (result instanceof String text) {
            return text;
        }
        throw new JException("D3012", -1);
    }

    /** {@code $0}, {@code $1}... and {@code $$} in a replacement text, as in the JSONata reference implementation. */
    private static String substitute(String replacement, String match, List<String> groups) {
        StringBuilder out = new StringBuilder();
        int position = 0;
        for (int dollar = replacement.indexOf('$'); dollar >= 0 && position < replacement.length();
                dollar = replacement.indexOf('$', position)) {
            out.append(replacement, position, dollar);
            position = dollar + 1;
            char next = position < replacement.length() ? replacement.charAt(position) : 0;
            if (next == '$') {
                out.append('$');
                position++;
            } else if (next == '0') {
                out.append(match);
                position++;
            } else {
                int digits = groups.isEmpty() ? 1 : (int) Math.floor(Math.log10(groups.size())) + 1;
                Integer group = leadingNumber(replacement, position, digits);
                if (digits > 1 && group != null && group > groups.size()) {
                    group = leadingNumber(replacement, position, digits - 1);
                }
                if (group == null) {
                    out.append('$');
                } else {
                    if (group >= 1 && group <= groups.size() && groups.get(group - 1) != null) {
                        out.append(groups.get(group - 1));
                    }
                    position += group.toString().length();
                }
            }
        }
        return out.append(replacement.substring(Math.min(position, replacement.length()))).toString();
    }

    private static Integer leadingNumber(String text, int from, int digits) {
        int end = from;
        while (end < text.length() && end - from < digits && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end == from ? null : Integer.valueOf(text.substring(from, end));
    }

    /**
     * Text for a regular-expression matcher that checks the budget every few thousand characters read,
     * so that a pattern that backtracks for ever is stopped like any other endless loop.
     */
    private record DeadlineText(String text, Budget budget, int[] reads) implements CharSequence {

        DeadlineText(String text, Budget budget) {
            this(text, budget, new int[1]);
        }

        @Override
        public char charAt(int index) {
            if ((++reads[0] & 0xFFF) == 0) {
                budget.check();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new DeadlineText(text.substring(start, end), budget, reads);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
