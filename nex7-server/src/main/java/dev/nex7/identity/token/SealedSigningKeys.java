package dev.nex7.identity.token;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.nex7.platform.secret.SealedRecords;
import dev.nex7.platform.secret.SecretBox;
import dev.nex7.platform.secret.SecretUnreadable;

/** The signing keys' part in master key rotation; also seals rows stored before encryption at rest. */
@Component
class SealedSigningKeys implements SealedRecords {

    private static final Logger log = LoggerFactory.getLogger(SealedSigningKeys.class);

    private final SigningKeys keys;

    SealedSigningKeys(SigningKeys keys) {
        this.keys = keys;
    }

    /** The authenticated data that binds a sealed private key to its row. */
    static String context(String kid) {
        return "identity-signing-key:" + kid;
    }

    @Override
    public int reseal(SecretBox box) {
        int resealed = 0;
        for (SigningKeys.StoredKey key : keys.lockNotSealedWith(box.activeKeyId())) {
            if (key.plainJwk() == null && !box.canOpen(key.sealedJwk().keyId())) {
                continue;
            }
            String jwk;
            try {
                jwk = key.plainJwk() != null ? key.plainJwk() : box.openString(key.sealedJwk(), context(key.kid()));
            } catch (SecretUnreadable e) {
                log.warn("Signing key {} stays as it is: {}", key.kid(), e.getMessage());
                continue;
            }
            keys.replaceSealed(key.kid(), box.seal(jwk, context(key.kid())));
            resealed++;
        }
        return resealed;
    }

    @Override
    public Set<String> keyIdsInUse() {
        return keys.keyIdsInUse();
    }
}
