package dev.nex7.identity.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * What a password must be: 12 to 256 characters, not one of the passwords attackers try first
 * (a list of common passwords, and common words padded with digits or symbols to reach the
 * length), not one character repeated, and not the account's email or its local part.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load("common-passwords.txt");
    }

    /** Why the password is refused, or empty when it is acceptable. */
    public Optional<String> problem(String password, String normalisedEmail) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters long");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (normalisedEmail != null) {
            String local = normalisedEmail.substring(0, Math.max(0, normalisedEmail.indexOf('@')));
            if (lower.contains(normalisedEmail) || (local.length() >= 4 && lower.contains(local))) {
                return Optional.of("must not contain your email address");
            }
        }
        if (lower.chars().distinct().count() <= 2) {
            return Optional.of("is too easy to guess (too few different characters)");
        }
        String core = lower.replaceAll("^[^a-z]+|[^a-z]+$", "");
        if (common.contains(lower) || common.contains(core) || isRepeatOfCommon(core)) {
            return Optional.of("is too common; choose a password that is not on lists of often-used ones");
        }
        return Optional.empty();
    }

    private boolean isRepeatOfCommon(String core) {
        for (int size = 3; size <= core.length() / 2; size++) {
            if (core.length() % size == 0 && core.equals(core.substring(0, size).repeat(core.length() / size))
                    && common.contains(core.substring(0, size))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> load(String resource) {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .map(l -> l.toLowerCase(Locale.ROOT)).forEach(words::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
