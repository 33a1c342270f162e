package dev.nex7.platform.secret;

import java.util.Objects;

/**
 * A sealed secret as stored: the id of the master key that sealed it and the 96-bit nonce
 * followed by the AES-GCM ciphertext and its 128-bit tag.
 *
 * @param keyId the id of the master key that sealed it
 * @param ciphertext nonce, ciphertext and tag
 */
public record Sealed(String keyId, byte[] ciphertext) {

    public Sealed {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    @Override
    public String toString() {
        return "Sealed[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sealed that && keyId.equals(that.keyId)
                && java.util.Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + java.util.Arrays.hashCode(ciphertext);
    }
}
