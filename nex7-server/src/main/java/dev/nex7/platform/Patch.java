package dev.nex7.platform;

import java.util.Optional;

/**
 * One field of a partial update (JSON Merge Patch semantics): absent means "keep", JSON
 * {@code null} means "clear", a value means "set". Request classes record a field through a
 * setter, which Jackson calls only for fields present in the document.
 */
public final class Patch<T> {

    private static final Patch<?> ABSENT = new Patch<>(false, null);

    private final boolean present;
    private final T value;

    private Patch(boolean present, T value) {
        this.present = present;
        this.value = value;
    }

    @SuppressWarnings("unchecked")
    public static <T> Patch<T> absent() {
        return (Patch<T>) ABSENT;
    }

    public static <T> Patch<T> of(T valueOrNull) {
        return new Patch<>(true, valueOrNull);
    }

    public boolean present() {
        return present;
    }

    /** {@code null} when absent, empty when cleared, else the value. */
    public Optional<T> change() {
        return present ? Optional.ofNullable(value) : null;
    }
}
