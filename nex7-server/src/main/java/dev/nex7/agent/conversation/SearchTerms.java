package dev.nex7.agent.conversation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.nex7.platform.InvalidRequest;

/**
 * Turns what a person typed into the search box into a PostgreSQL {@code to_tsquery} expression:
 * every word must occur, each as a prefix ("deploy" finds "deployment"). Only letters and digits
 * reach the expression, so nothing typed can be read as tsquery syntax; it is bound as a parameter
 * like every other value.
 */
public final class SearchTerms {

    public static final int MAX_LENGTH = 200;
    private static final int MAX_WORDS = 10;

    private SearchTerms() {
    }

    /** The expression, or {@code null} when nothing was typed. */
    public static String toTsQuery(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        if (typed.length() > MAX_LENGTH) {
            throw new InvalidRequest("q", "must be at most " + MAX_LENGTH + " characters");
        }
        String query = Arrays.stream(typed.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty()).limit(MAX_WORDS).map(word -> word + ":*")
                .collect(Collectors.joining(" & "));
        if (query.isEmpty()) {
            throw new InvalidRequest("q", "must contain a letter or a digit");
        }
        return query;
    }
}
