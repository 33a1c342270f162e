package dev.nex7.platform;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMACs of the webhooks NEX7 checks and sends (GitHub's and ours SHA-256, Vercel's SHA-1). */
public final class Hmac {

    public static final String SHA256 = "HmacSHA256";
    public static final String SHA1 = "HmacSHA1";

    private Hmac() {
    }

    /**
     * The HMAC of {@code data} under {@code secret}.
     *
     * @param algorithm a JCA name every Java runtime has ({@link #SHA256}, {@link #SHA1})
     * @throws IllegalArgumentException for an empty secret (no key can be made of it)
     */
    public static byte[] of(String algorithm, byte[] secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", impossible);
        }
    }
}
