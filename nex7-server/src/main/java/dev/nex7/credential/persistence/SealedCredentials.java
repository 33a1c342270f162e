package dev.nex7.credential.persistence;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.nex7.platform.secret.SealedRecords;
import dev.nex7.platform.secret.SecretBox;
import dev.nex7.platform.secret.SecretUnreadable;

/** The credentials' part in master key rotation. */
@Component
class SealedCredentials implements SealedRecords {

    private static final Logger log = LoggerFactory.getLogger(SealedCredentials.class);

    private final Credentials credentials;

    SealedCredentials(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public int reseal(SecretBox box) {
        int resealed = 0;
        for (StoredCredential credential : credentials.lockNotSealedWith(box.activeKeyId())) {
            if (!box.canOpen(credential.secrets().keyId())) {
                continue;
            }
            byte[] secrets;
            try {
                secrets = box.open(credential.secrets(), credential.sealContext());
            } catch (SecretUnreadable e) {
                log.warn("Credential {} stays as it is: it does not decrypt", credential.id());
                continue;
            }
            credentials.replaceSecrets(credential.id(), box.seal(secrets, credential.sealContext()));
            resealed++;
        }
        return resealed;
    }

    @Override
    public Set<String> keyIdsInUse() {
        return credentials.keyIdsInUse();
    }
}
