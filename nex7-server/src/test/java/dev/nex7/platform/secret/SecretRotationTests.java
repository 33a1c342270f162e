package dev.nex7.platform.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** Rotation and start-up re-encryption over an in-memory store, with the real key file. */
class SecretRotationTests {

    private static final SecretSettings FILE = new SecretSettings(null, List.of(), null, Duration.ofSeconds(5));
    private static final TransactionTemplate TRANSACTIONS = new TransactionTemplate(new NoDatabase());

    @TempDir
    Path dataDir;

    @Test
    void aRotationSealsEveryRecordWithTheNewKeyAndDropsTheOldOneFromTheKeyFile() {
        SecretBox box = SecretBox.load(FILE, dataDir);
        String old = box.activeKeyId();
        InMemoryRecords records = new InMemoryRecords(box, "alpha", "beta");

        SecretRotation.Outcome outcome = new SecretRotation(box, List.of(records), TRANSACTIONS, FILE).rotate();

        assertThat(outcome.activeKeyId()).isNotEqualTo(old).isEqualTo(box.activeKeyId());
        assertThat(outcome.resealedRecords()).isEqualTo(2);
        assertThat(outcome.retiredKeyIds()).containsExactly(old);
        assertThat(records.keyIdsInUse()).containsExactly(outcome.activeKeyId());
        SecretBox restarted = SecretBox.load(FILE, dataDir);
        assertThat(restarted.keyIds()).containsExactly(outcome.activeKeyId());
        assertThat(records.openAll(restarted)).containsExactly("alpha", "beta");
    }

    @Test
    void aRotationCutShortAfterWritingTheKeyFileIsFinishedOnTheNextStart() {
        SecretBox before = SecretBox.load(FILE, dataDir);
        InMemoryRecords records = new InMemoryRecords(before, "alpha", "beta");
        // The crash: the new ring is on disk, nothing has been re-encrypted yet.
        new KeyFile(dataDir.resolve("master.keys")).write(before.keys().withActive(MasterKeys.generate()));

        SecretBox restarted = SecretBox.load(FILE, dataDir);
        assertThat(records.openAll(restarted)).as("every record still opens").containsExactly("alpha", "beta");
        SecretRotation.Outcome outcome = new SecretRotation(restarted, List.of(records), TRANSACTIONS, FILE).resealAll();

        assertThat(outcome.resealedRecords()).isEqualTo(2);
        assertThat(outcome.retiredKeyIds()).containsExactly(before.activeKeyId());
        assertThat(records.keyIdsInUse()).containsExactly(restarted.activeKeyId());
        assertThat(SecretBox.load(FILE, dataDir).keyIds()).containsExactly(restarted.activeKeyId());
    }

    @Test
    void aKeyThatRecordsStillNeedIsNotRetired() {
        SecretBox box = SecretBox.load(FILE, dataDir);
        String old = box.activeKeyId();
        InMemoryRecords records = new InMemoryRecords(box, "alpha");
        records.unreadable = true;

        SecretRotation.Outcome outcome = new SecretRotation(box, List.of(records), TRANSACTIONS, FILE).rotate();

        assertThat(outcome.resealedRecords()).isZero();
        assertThat(outcome.retiredKeyIds()).isEmpty();
        assertThat(SecretBox.load(FILE, dataDir).keyIds()).containsExactly(outcome.activeKeyId(), old);
    }

    @Test
    void withAKeyFromTheEnvironmentOnStartRecordsOfThePreviousKeyAreResealedButRotationIsTheOperatorsMove() {
        byte[] previous = MasterKeys.generate();
        InMemoryRecords records = new InMemoryRecords(new SecretBox(MasterKeys.of(List.of(previous)), null), "alpha");
        SecretSettings settings = new SecretSettings(Base64.getEncoder().encodeToString(MasterKeys.generate()),
                List.of(Base64.getEncoder().encodeToString(previous)), null, Duration.ofSeconds(5));
        SecretBox box = SecretBox.load(settings, dataDir);
        SecretRotation rotation = new SecretRotation(box, List.of(records), TRANSACTIONS, settings);

        SecretRotation.Outcome outcome = rotation.resealAll();

        assertThat(outcome.resealedRecords()).isEqualTo(1);
        assertThat(records.keyIdsInUse()).containsExactly(box.activeKeyId());
        assertThat(outcome.retiredKeyIds()).as("NEX7 cannot edit its environment").isEmpty();
        assertThatThrownBy(rotation::rotate).isInstanceOf(SecretRotation.MasterKeyManagedExternally.class);
        assertThat(dataDir.resolve("master.keys")).doesNotExist();
    }

    /** Records kept in memory, sealed for their own name. */
    private static final class InMemoryRecords implements SealedRecords {

        private final Map<String, Sealed> sealed = new LinkedHashMap<>();
        private boolean unreadable;

        InMemoryRecords(SecretBox box, String... names) {
            for (String name : names) {
                sealed.put(name, box.seal(name, "record:" + name));
            }
        }

        @Override
        public int reseal(SecretBox box) {
            int count = 0;
            for (Map.Entry<String, Sealed> entry : sealed.entrySet()) {
                if (!unreadable && !entry.getValue().keyId().equals(box.activeKeyId())
                        && box.canOpen(entry.getValue().keyId())) {
                    String context = "record:" + entry.getKey();
                    entry.setValue(box.seal(box.open(entry.getValue(), context), context));
                    count++;
                }
            }
            return count;
        }

        @Override
        public Set<String> keyIdsInUse() {
            Set<String> ids = new HashSet<>();
            sealed.values().forEach(s -> ids.add(s.keyId()));
            return ids;
        }

        List<String> openAll(SecretBox box) {
            return sealed.entrySet().stream().map(e -> box.openString(e.getValue(), "record:" + e.getKey())).toList();
        }
    }

    /** Transactions with nothing behind them, so that transaction synchronisation runs as it does for real. */
    private static final class NoDatabase extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
