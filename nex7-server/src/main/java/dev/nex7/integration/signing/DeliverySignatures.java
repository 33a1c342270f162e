package dev.nex7.integration.signing;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.nex7.platform.Hmac;

/**
 * Checks a signed webhook delivery (GitHub's HMAC-SHA256, Vercel's HMAC-SHA1): which of the linked
 * owners' secrets made the signature over the raw body, compared in constant time.
 */
public final class DeliverySignatures {

    private DeliverySignatures() {
    }

    /** The HMAC of {@code body} under {@code secret}; {@code algorithm} is a JCA name such as HmacSHA256. */
    public static byte[] hmac(String algorithm, byte[] secret, byte[] body) {
        return Hmac.of(algorithm, secret, body);
    }

    /**
     * The owner whose secret signed {@code body}, if any.
     *
     * @param hexSignature the signature as hex (without any {@code sha256=} prefix); not hex → empty
     */
    public static <T> Optional<T> signer(List<Map.Entry<T, byte[]>> secrets, String algorithm, byte[] body, String hexSignature) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hexSignature.strip());
        } catch (IllegalArgumentException notHex) {
            return Optional.empty();
        }
        for (Map.Entry<T, byte[]> candidate : secrets) {
            if (MessageDigest.isEqual(hmac(algorithm, candidate.getValue(), body), given)) {
                return Optional.of(candidate.getKey());
            }
        }
        return Optional.empty();
    }
}
