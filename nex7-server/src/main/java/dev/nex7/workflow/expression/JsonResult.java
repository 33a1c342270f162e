package dev.nex7.workflow.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;

/**
 * Turns what JSONata returns into the plain JSON values NEX7 passes around, and measures values
 * against the size limit.
 *
 * <p>JSONata returns its own list types (lazy ranges, sequences), {@code Integer}s for small numbers
 * and whole {@code Double}s, and can return functions and regular expressions. The result is copied
 * into {@code LinkedHashMap}s and {@code ArrayList}s, whole numbers become {@code Long}, and anything
 * that is not JSON is refused. Sizes are counted as the length of the JSON text (string escapes
 * aside), and counting stops as soon as the limit is passed, so a huge or self-repeating value costs
 * no more than the limit to refuse.
 */
final class JsonResult {

    /** Deeper values are refused; JSON parsers refuse them too (Jackson's default limit is 1000). */
    private static final int MAX_NESTING = 1000;

    private final long maxChars;
    private long chars;

    private JsonResult(long maxChars) {
        this.maxChars = maxChars;
    }

    /** A copy of {@code raw} as plain JSON, or a failure when it is not JSON or is over {@code maxChars}. */
    static Object toJson(Object raw, long maxChars) throws ExpressionFailure {
        return new JsonResult(maxChars).copy(raw, 0);
    }

    /** The JSON length of {@code value}, or some number above {@code limit} once it is clear that it is longer. */
    static long measure(Object value, long limit) {
        JsonResult counter = new JsonResult(limit);
        try {
            counter.copy(value, 0);
        } catch (ExpressionFailure tooLargeOrNotJson) {
            return counter.chars;
        }
        return counter.chars;
    }

    /** How a JSON value reads inside text: strings as they are, nothing for null, everything else as JSON. */
    static String render(Object json) {
        if (json == null) {
            return "";
        }
        return json instanceof String text ? text : Functions.string(json, false);
    }

    private Object copy(Object value, int depth) throws ExpressionFailure {
        if (depth > MAX_NESTING) {
            throw new ExpressionFailure(ExpressionFailure.TOO_LARGE, "The result nests deeper than " + MAX_NESTING + " levels");
        }
        return switch (value) {
            case null -> count(null, 4);
            case String text -> count(text, text.length() + 2L);
            case Boolean bool -> count(bool, 5);
            case Number number -> count(number(number), 24);
            case Map<?, ?> map -> copyMap(map, depth);
            case List<?> list -> copyList(list, depth);
            default -> {
                if (value == Jsonata.NULL_VALUE) {
                    yield count(null, 4);
                }
                throw new ExpressionFailure(ExpressionFailure.ERROR,
                        "The expression produced a function or a regular expression, not a JSON value");
            }
        };
    }

    private Map<String, Object> copyMap(Map<?, ?> map, int depth) throws ExpressionFailure {
        count(null, 2);
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            count(null, key.length() + 4L);
            copy.put(key, copy(entry.getValue(), depth + 1));
        }
        return copy;
    }

    private List<Object> copyList(List<?> list, int depth) throws ExpressionFailure {
        count(null, 2);
        List<Object> copy = new ArrayList<>(Math.min(list.size(), 1024));
        for (int i = 0; i < list.size(); i++) {
            count(null, 1);
            copy.add(copy(list.get(i), depth + 1));
        }
        return copy;
    }

    private <T> T count(T value, long size) throws ExpressionFailure {
        chars += size;
        if (chars > maxChars) {
            throw new ExpressionFailure(ExpressionFailure.TOO_LARGE,
                    "The expression's result is larger than the limit of " + maxChars + " characters");
        }
        return value;
    }

    /** Whole numbers as {@code Long} (also when JSONata computed them as doubles), others as they are. */
    static Object number(Number number) throws ExpressionFailure {
        return switch (number) {
            case Long whole -> whole;
            case Integer whole -> whole.longValue();
            case Short whole -> whole.longValue();
            case Byte whole -> whole.longValue();
            case BigInteger big -> big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
            case BigDecimal decimal -> {
                try {
                    yield decimal.longValueExact();
                } catch (ArithmeticException fractionalOrTooBig) {
                    yield decimal;
                }
            }
            default -> {
                double real = number.doubleValue();
                if (!Double.isFinite(real)) {
                    throw new ExpressionFailure(ExpressionFailure.ERROR, "The expression produced " + real
                            + ", which is not a JSON number");
                }
                yield real == Math.rint(real) && Math.abs(real) < 0x1p63 ? (Object) (long) real : (Object) real;
            }
        };
    }
}
