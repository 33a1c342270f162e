package dev.nex7.platform.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.nex7.platform.secret.MasterKeys.MasterKey;

/**
 * Seals secrets with AES-256-GCM: a random 96-bit nonce per message, a 128-bit tag, and the
 * record's identity ({@code "credential:" + id}, say) as additional authenticated data, so a
 * sealed value copied onto another record does not open. The active master key seals; the key id
 * stored with each value picks the key that opens it.
 *
 * <p>A seal made inside a transaction holds off key rotation until that transaction ends, so once
 * a rotation has switched keys no transaction can still commit a value sealed with the old one.
 * Callers should lock the rows they change before sealing, so that a waiting rotation never stands
 * between two transactions.
 */
public final class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final ReentrantReadWriteLock rotation = new ReentrantReadWriteLock();
    private final KeyFile keyFile;
    private volatile MasterKeys keys;

    SecretBox(MasterKeys keys, KeyFile keyFile) {
        this.keys = keys;
        this.keyFile = keyFile;
    }

    /**
     * The box the settings describe: the key from {@code NEX7_MASTER_KEY} (plus any previous keys),
     * or the key file, which is generated on first start.
     *
     * @param dataDir the data directory, home of the key file unless the settings name another
     * @throws InvalidMasterKey when a configured key or the key file is unusable
     */
    public static SecretBox load(SecretSettings settings, Path dataDir) {
        if (settings.external()) {
            List<byte[]> raw = new java.util.ArrayList<>();
            raw.add(MasterKeys.decode(settings.masterKey(), "NEX7_MASTER_KEY"));
            List<String> previous = settings.previousMasterKeys();
            for (int i = 0; i < previous.size(); i++) {
                if (!previous.get(i).isBlank()) {
                    raw.add(MasterKeys.decode(previous.get(i), "Key " + (i + 1) + " of NEX7_PREVIOUS_MASTER_KEYS"));
                }
            }
            return new SecretBox(MasterKeys.of(raw), null);
        }
        KeyFile file = new KeyFile(settings.keyFile() != null ? settings.keyFile() : dataDir.resolve("master.keys"));
        if (file.exists()) {
            return new SecretBox(file.read(), file);
        }
        MasterKeys generated = MasterKeys.of(List.of(MasterKeys.generate()));
        file.write(generated);
        log.warn("""
                Generated a new master key in {}. BACK THIS FILE UP with the database: without it NEX7 cannot \
                read the credentials it stores. To manage the key yourself, set NEX7_MASTER_KEY instead.""",
                file.path().toAbsolutePath());
        return new SecretBox(generated, file);
    }

    /** Seals {@code plaintext} for the record named by {@code context}. */
    public Sealed seal(byte[] plaintext, String context) {
        holdRotationOffUntilTransactionEnds();
        MasterKey key = keys.active();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] encrypted = cipher.doFinal(plaintext);
            return new Sealed(key.id(), ByteBuffer.allocate(NONCE_BYTES + encrypted.length).put(nonce).put(encrypted)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Seals a UTF-8 string for the record named by {@code context}. */
    public Sealed seal(String plaintext, String context) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), context);
    }

    /**
     * Opens a value sealed for {@code context}.
     *
     * @throws SecretUnreadable when its key is not in the ring or it does not authenticate
     */
    public byte[] open(Sealed sealed, String context) {
        MasterKey key = keys.find(sealed.keyId()).orElseThrow(() -> new SecretUnreadable("The secret of " + context
                + " is sealed with master key " + sealed.keyId() + ", which is not configured"));
        byte[] data = sealed.ciphertext();
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnreadable("The secret of " + context + " is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SecretUnreadable("The secret of " + context + " does not authenticate: it was changed, or it"
                    + " belongs to another record");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Opens a UTF-8 string sealed for {@code context}. */
    public String openString(Sealed sealed, String context) {
        return new String(open(sealed, context), StandardCharsets.UTF_8);
    }

    /** Whether the ring holds the key with this id. */
    public boolean canOpen(String keyId) {
        return keyId != null && keys.find(keyId).isPresent();
    }

    /** The id of the key that seals new values. */
    public String activeKeyId() {
        return keys.active().id();
    }

    /** Ids of every key in the ring, the active one first. */
    public List<String> keyIds() {
        return keys.ids();
    }

    /** Whether the keys come from the environment; rotation then is the operator's move. */
    boolean external() {
        return keyFile == null;
    }

    Optional<KeyFile> keyFile() {
        return Optional.ofNullable(keyFile);
    }

    MasterKeys keys() {
        return keys;
    }

    /**
     * Switches to another ring once every transaction that sealed with the current one has ended.
     *
     * @return false when such transactions did not end within {@code wait}
     */
    boolean replaceKeys(MasterKeys next, Duration wait) {
        Lock exclusive = rotation.writeLock();
        try {
            if (!exclusive.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            keys = next;
            return true;
        } finally {
            exclusive.unlock();
        }
    }

    private void holdRotationOffUntilTransactionEnds() {
        Lock shared = rotation.readLock();
        shared.lock();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    shared.unlock();
                }
            });
        } else {
            shared.unlock();
        }
    }

    @Override
    public String toString() {
        return "SecretBox[active=" + activeKeyId() + ", keys=" + keys.ids().size() + "]";
    }
}
