package dev.nex7.identity.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses as NEX7 compares them: Unicode NFC, trimmed, lower case. */
public final class EmailAddress {

    /** One @, no spaces, a non-empty local part and domain; deliberately not RFC 5322 in full. */
    private static final Pattern SHAPE = Pattern.compile("[^\\s@]{1,64}@[^\\s@.][^\\s@]*");

    private EmailAddress() {
    }

    public static String normalise(String email) {
        return email == null ? null : Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    public static boolean isPlausible(String normalised) {
        return normalised != null && normalised.length() <= 254 && SHAPE.matcher(normalised).matches();
    }
}
