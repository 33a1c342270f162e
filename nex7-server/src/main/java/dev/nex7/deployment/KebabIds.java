package dev.nex7.deployment;

import java.util.Locale;

/** The deployment enums travel as kebab-case ids ({@code module-not-found}); this maps both ways. */
final class KebabIds {

    private KebabIds() {
    }

    static String id(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> E parse(Class<E> type, String id) {
        for (E constant : type.getEnumConstants()) {
            if (id(constant).equals(id)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + " " + id);
    }
}
