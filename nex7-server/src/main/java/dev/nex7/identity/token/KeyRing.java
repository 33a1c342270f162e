package dev.nex7.identity.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import dev.nex7.identity.IdentitySettings;
import dev.nex7.platform.secret.SecretBox;
import dev.nex7.platform.secret.SecretUnreadable;

/**
 * The ES256 keys that sign access tokens, persisted so every instance and every restart signs and
 * verifies with the same ring. The newest key signs; a key replaced by rotation keeps verifying
 * until the tokens it signed have expired, then drops out of the published set. Private keys are
 * stored sealed with the master key; a key that cannot be opened (its master key is gone) is left
 * out, and a fresh signing key replaces it when none is left.
 */
@Component
public class KeyRing {

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);
    /** How often a verifier may reload the ring when it meets an unknown key id. */
    private static final Duration RELOAD_INTERVAL = Duration.ofSeconds(10);

    private final SigningKeys keys;
    private final TransactionTemplate transactions;
    private final IdentitySettings settings;
    private final SecretBox box;
    private final Clock clock;

    private volatile Snapshot snapshot;

    private record Snapshot(ECKey signing, JWKSet verifying, Instant loadedAt) {
    }

    KeyRing(SigningKeys keys, TransactionTemplate transactions, IdentitySettings settings, SecretBox box, Clock clock) {
        this.keys = keys;
        this.transactions = transactions;
        this.settings = settings;
        this.box = box;
        this.clock = clock;
    }

    /** The key that signs new tokens, rotating it first when it has grown too old. */
    public ECKey signingKey() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current == null || current.signing() == null || isDue(current.signing(), now)) {
            current = rotateIfDue();
        }
        return current.signing();
    }

    /** Public keys that may verify tokens, for the JWKS document and the decoder. */
    public JWKSet publicKeys() {
        Snapshot current = snapshot;
        return (current == null ? rotateIfDue() : current).verifying().toPublicJWKSet();
    }

    /** Reloads from the database when {@code kid} is unknown here (another instance rotated). */
    public JWKSet publicKeysIncluding(String kid) {
        Snapshot current = snapshot == null ? rotateIfDue() : snapshot;
        if (kid != null && current.verifying().getKeyByKeyId(kid) == null
                && current.loadedAt().plus(RELOAD_INTERVAL).isBefore(clock.instant())) {
            current = load();
        }
        return current.verifying().toPublicJWKSet();
    }

    private boolean isDue(ECKey key, Instant now) {
        Instant created = key.getIssueTime() == null ? Instant.EPOCH : key.getIssueTime().toInstant();
        return !created.plus(settings.keyRotation()).isAfter(now);
    }

    private synchronized Snapshot rotateIfDue() {
        return transactions.execute(status -> {
            keys.lock();
            Snapshot loaded = load();
            Instant now = clock.instant();
            if (loaded.signing() != null && !isDue(loaded.signing(), now)) {
                return loaded;
            }
            ECKey fresh = generate(now);
            keys.insert(fresh.getKeyID(), JWSAlgorithm.ES256.getName(),
                    box.seal(fresh.toJSONString(), SealedSigningKeys.context(fresh.getKeyID())), now);
            keys.retireAllExcept(fresh.getKeyID(), now);
            log.info("Created signing key {} for access tokens", fresh.getKeyID());
            return load();
        });
    }

    private Snapshot load() {
        Instant now = clock.instant();
        List<SigningKeys.StoredKey> stored = keys.usable(now.minus(settings.accessTokenTtl()).minus(settings.clockSkew()));
        ECKey signing = null;
        List<JWK> verifying = new java.util.ArrayList<>();
        for (SigningKeys.StoredKey key : stored) {
            ECKey parsed = open(key);
            if (parsed == null) {
                continue;
            }
            verifying.add(parsed);
            if (signing == null && key.retiredAt() == null) {
                signing = parsed;
            }
        }
        Snapshot loaded = new Snapshot(signing, new JWKSet(verifying), now);
        snapshot = loaded;
        return loaded;
    }

    private static ECKey generate(Instant now) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).algorithm(JWSAlgorithm.ES256)
                    .keyUse(KeyUse.SIGNATURE).issueTime(java.util.Date.from(now)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a signing key", e);
        }
    }

    /** The private key, or null when its master key is not configured (or the row was altered). */
    private ECKey open(SigningKeys.StoredKey key) {
        if (key.plainJwk() != null) {
            return parse(key.plainJwk());
        }
        try {
            return parse(box.openString(key.sealedJwk(), SealedSigningKeys.context(key.kid())));
        } catch (SecretUnreadable e) {
            log.warn("Signing key {} is left out of the key ring: {}", key.kid(), e.getMessage());
            return null;
        }
    }

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("A stored signing key cannot be read", e);
        }
    }
}
