package dev.nex7.platform.secret;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nex7.platform.ApiProblem;

/**
 * Replaces the active master key and re-encrypts every stored secret with it. A rotation first
 * writes the new ring (old keys included) to the key file, then switches to it, re-encrypts every
 * {@link SealedRecords} row in one transaction, and only after that commits drops the old keys
 * no row needs any more. A crash at any step leaves every record readable, and the next start
 * finishes the job: on start, records sealed with an older key, or not sealed yet, are
 * re-encrypted with the active one.
 */
@Service
public class SecretRotation implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SecretRotation.class);

    private final SecretBox box;
    private final List<SealedRecords> stores;
    private final TransactionTemplate transactions;
    private final SecretSettings settings;

    SecretRotation(SecretBox box, List<SealedRecords> stores, TransactionTemplate transactions,
            SecretSettings settings) {
        this.box = box;
        this.stores = stores;
        this.transactions = transactions;
        this.settings = settings;
    }

    /**
     * What a rotation or a re-encryption did.
     *
     * @param activeKeyId the key that now seals every record
     * @param resealedRecords records re-encrypted with it
     * @param retiredKeyIds keys dropped from the ring because no record needs them any more
     */
    public record Outcome(String activeKeyId, int resealedRecords, List<String> retiredKeyIds) {
    }

    /**
     * Generates a new active key and re-encrypts every record with it.
     *
     * @throws MasterKeyManagedExternally when the key comes from {@code NEX7_MASTER_KEY}
     * @throws RotationBusy when transactions sealing with the old key did not end in time
     */
    public synchronized Outcome rotate() {
        KeyFile file = box.keyFile().orElseThrow(MasterKeyManagedExternally::new);
        MasterKeys next = box.keys().withActive(MasterKeys.generate());
        // The new key is on disk before anything is sealed with it.
        file.write(next);
        if (!box.replaceKeys(next, settings.rotationWait())) {
            file.write(box.keys());
            throw new RotationBusy();
        }
        log.warn("Master key rotated: {} now seals secrets. Back up the key file {} again.", next.active().id(),
                file.path().toAbsolutePath());
        return resealAll();
    }

    /**
     * Re-encrypts with the active key every record sealed with another one, then drops from the
     * key file the keys no record needs any more.
     */
    public synchronized Outcome resealAll() {
        Integer resealed = transactions.execute(status -> stores.stream().mapToInt(store -> store.reseal(box)).sum());
        Set<String> inUse = new HashSet<>();
        stores.forEach(store -> inUse.addAll(store.keyIdsInUse()));
        Set<String> missing = new HashSet<>(inUse);
        missing.removeAll(box.keyIds());
        if (!missing.isEmpty()) {
            log.error("Some stored secrets are sealed with master keys {} that this NEX7 does not have, so they cannot be"
                    + " read. Was the key file replaced, or do instances sharing the database have different"
                    + " NEX7_MASTER_KEY values?", missing.stream().sorted().toList());
        }
        List<String> retired = retire(inUse);
        if (resealed != null && resealed > 0) {
            log.info("Re-encrypted {} stored secret(s) with master key {}", resealed, box.activeKeyId());
        }
        return new Outcome(box.activeKeyId(), resealed == null ? 0 : resealed, retired);
    }

    private List<String> retire(Set<String> inUse) {
        MasterKeys current = box.keys();
        MasterKeys kept = current.keeping(inUse);
        List<String> retired = current.ids().stream().filter(id -> !kept.ids().contains(id)).toList();
        if (retired.isEmpty()) {
            return retired;
        }
        if (box.external()) {
            log.info("No stored secret needs the previous master keys {} any more; NEX7_PREVIOUS_MASTER_KEYS can be"
                    + " removed", retired);
            return List.of();
        }
        box.keyFile().orElseThrow().write(kept);
        box.replaceKeys(kept, settings.rotationWait());
        log.info("Retired master keys {}: no stored secret needs them any more", retired);
        return retired;
    }

    /** On start, finishes an interrupted rotation and seals records written before encryption at rest. */
    @Override
    public void run(ApplicationArguments args) {
        resealAll();
    }

    /** Rotation needs a key file; a key from the environment is replaced by the operator. */
    public static final class MasterKeyManagedExternally extends ApiProblem {
        MasterKeyManagedExternally() {
            super(HttpStatus.CONFLICT, "master-key-external", "The master key is managed outside NEX7",
                    "The master key comes from NEX7_MASTER_KEY. To rotate it, set a new NEX7_MASTER_KEY, put the old"
                            + " one in NEX7_PREVIOUS_MASTER_KEYS and restart: NEX7 re-encrypts on start.");
        }
    }

    /** Transactions sealing with the old key did not end in time; nothing was changed. */
    public static final class RotationBusy extends ApiProblem {
        RotationBusy() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "secret-rotation-busy", "Secrets are being written",
                    "Transactions that store secrets did not finish in time; try the rotation again.");
        }
    }
}
