package dev.nex7.platform.secret;

import java.util.Set;

/**
 * Rows a module keeps sealed with {@link SecretBox}. Each module that stores secrets provides one
 * as a bean, so that {@link SecretRotation} can re-encrypt them and knows which master keys are
 * still needed.
 */
public interface SealedRecords {

    /**
     * Re-encrypts with the active key every record sealed with another key the box holds (and
     * seals any record still stored in plain text). Runs inside the caller's transaction; records
     * sealed with a key the box lacks are left alone.
     *
     * @return how many records were re-encrypted
     */
    int reseal(SecretBox box);

    /** Ids of the master keys that stored records are sealed with. */
    Set<String> keyIdsInUse();
}
