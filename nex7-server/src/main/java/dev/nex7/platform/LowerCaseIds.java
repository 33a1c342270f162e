package dev.nex7.platform;

import java.util.Locale;

/**
 * API enums travel as their lower-case names ({@code "owner"}, {@code "web"}); this is the one
 * place that maps between the two.
 */
public final class LowerCaseIds {

    private LowerCaseIds() {
    }

    public static String id(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose id is {@code id}; an unknown id is an {@link IllegalArgumentException}. */
    public static <E extends Enum<E>> E parse(Class<E> type, String id) {
        for (E constant : type.getEnumConstants()) {
            if (id(constant).equals(id)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + " " + id);
    }
}
