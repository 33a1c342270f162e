package dev.nex7.platform.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * An immutable ring of AES-256 master keys: the first one seals, all of them open. A key's id is a
 * fingerprint of the key itself (the first 64 bits of a SHA-256 over it), so the id stored with a
 * record names exactly one key wherever that key is configured, and a wrong key cannot be mistaken
 * for the right one. A hash of 256 random bits tells nothing about them.
 */
final class MasterKeys {

    static final int KEY_BYTES = 32;
    private static final byte[] ID_LABEL = "nex7 master key id\0".getBytes(StandardCharsets.US_ASCII);

    /** One key of the ring. */
    record MasterKey(String id, SecretKey key) {

        @Override
        public String toString() {
            return "MasterKey[" + id + "]";
        }
    }

    private final Map<String, MasterKey> byId;
    private final MasterKey active;

    private MasterKeys(List<byte[]> raw) {
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("A key ring needs at least one key");
        }
        Map<String, MasterKey> keys = new LinkedHashMap<>();
        for (byte[] bytes : raw) {
            if (bytes.length != KEY_BYTES) {
                throw new IllegalArgumentException("A master key has " + KEY_BYTES + " bytes");
            }
            MasterKey key = new MasterKey(id(bytes), new SecretKeySpec(bytes, "AES"));
            keys.putIfAbsent(key.id(), key);
        }
        this.byId = Map.copyOf(keys);
        this.active = keys.values().iterator().next();
    }

    /** A ring of the given raw keys; the first one is active, duplicates count once. */
    static MasterKeys of(List<byte[]> raw) {
        return new MasterKeys(raw);
    }

    /** 32 fresh bytes from a strong random source. */
    static byte[] generate() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /**
     * Decodes a base64 key (standard or URL-safe alphabet), failing with a message that names where
     * the key came from and never the key.
     */
    static byte[] decode(String base64, String source) {
        String text = base64 == null ? "" : base64.strip();
        byte[] bytes;
        try {
            bytes = text.indexOf('-') >= 0 || text.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidMasterKey(source + " is not valid base64; it must be the base64 encoding of "
                    + KEY_BYTES + " random bytes, e.g. the output of `openssl rand -base64 32`");
        }
        if (bytes.length != KEY_BYTES) {
            throw new InvalidMasterKey(source + " decodes to " + bytes.length + " bytes; it must be the base64"
                    + " encoding of exactly " + KEY_BYTES + " random bytes (AES-256), e.g. the output of"
                    + " `openssl rand -base64 32`");
        }
        return bytes;
    }

    static String id(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(ID_LABEL);
            byte[] digest = sha256.digest(key);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    MasterKey active() {
        return active;
    }

    Optional<MasterKey> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Key ids, the active one first. */
    List<String> ids() {
        List<String> ids = new ArrayList<>();
        ids.add(active.id());
        byId.keySet().stream().filter(id -> !id.equals(active.id())).sorted().forEach(ids::add);
        return ids;
    }

    /** This ring with {@code fresh} as its new active key; the old keys stay for opening. */
    MasterKeys withActive(byte[] fresh) {
        List<byte[]> raw = new ArrayList<>();
        raw.add(fresh);
        raw.addAll(raw(ids()));
        return new MasterKeys(raw);
    }

    /** This ring without the keys that are neither active nor in {@code needed}. */
    MasterKeys keeping(Set<String> needed) {
        return new MasterKeys(raw(ids().stream().filter(id -> id.equals(active.id()) || needed.contains(id)).toList()));
    }

    /** Raw keys in ring order, for the key file. */
    List<byte[]> raw() {
        return raw(ids());
    }

    private List<byte[]> raw(List<String> ids) {
        return ids.stream().map(id -> byId.get(id).key().getEncoded()).toList();
    }
}
