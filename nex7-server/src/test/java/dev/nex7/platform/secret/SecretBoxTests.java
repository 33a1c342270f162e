package dev.nex7.platform.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@ExtendWith(OutputCaptureExtension.class)
class SecretBoxTests {

    private static final String CONTEXT = "credential:0b7c2f4e-1a1e-4d7b-9f0e-3c3b1c9c1f10";

    @TempDir
    Path dataDir;

    private final SecretBox box = new SecretBox(MasterKeys.of(List.of(MasterKeys.generate())), null);

    @Test
    void aSealedSecretOpensForItsOwnRecord() {
        Sealed sealed = box.seal("s3cr3t-value", CONTEXT);

        assertThat(box.openString(sealed, CONTEXT)).isEqualTo("s3cr3t-value");
        assertThat(sealed.keyId()).isEqualTo(box.activeKeyId());
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t-value");
        assertThat(sealed.ciphertext()).hasSize(12 + "s3cr3t-value".length() + 16);
    }

    @Test
    void sealingTheSameSecretTwiceGivesDifferentCiphertexts() {
        assertThat(box.seal("same", CONTEXT).ciphertext()).isNotEqualTo(box.seal("same", CONTEXT).ciphertext());
    }

    @Test
    void aSecretDoesNotOpenForAnotherRecord() {
        Sealed sealed = box.seal("s3cr3t-value", CONTEXT);

        assertThatThrownBy(() -> box.open(sealed, "credential:another"))
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("credential:another").hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void aTamperedNonceCiphertextOrTagDoesNotOpen() {
        Sealed sealed = box.seal("s3cr3t-value", CONTEXT);

        for (int position : new int[] {0, 12, sealed.ciphertext().length - 1}) {
            byte[] bent = sealed.ciphertext().clone();
            bent[position] ^= 1;
            assertThatThrownBy(() -> box.open(new Sealed(sealed.keyId(), bent), CONTEXT))
                    .as("byte %d flipped", position).isInstanceOf(SecretUnreadable.class);
        }
        assertThatThrownBy(() -> box.open(new Sealed(sealed.keyId(), new byte[20]), CONTEXT))
                .isInstanceOf(SecretUnreadable.class).hasMessageContaining("truncated");
    }

    @Test
    void aSecretSealedWithAKeyOutsideTheRingIsUnreadableAndTheErrorNamesTheKeyOnly() {
        SecretBox other = new SecretBox(MasterKeys.of(List.of(MasterKeys.generate())), null);
        Sealed sealed = other.seal("s3cr3t-value", CONTEXT);

        assertThat(box.canOpen(sealed.keyId())).isFalse();
        assertThatThrownBy(() -> box.open(sealed, CONTEXT)).isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining(sealed.keyId()).hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void afterRotationTheNewKeySealsAndTheOldKeyStillOpens() {
        Sealed old = box.seal("before", CONTEXT);
        String oldKey = box.activeKeyId();

        assertThat(box.replaceKeys(box.keys().withActive(MasterKeys.generate()), Duration.ZERO)).isTrue();
        Sealed fresh = box.seal("after", CONTEXT);

        assertThat(fresh.keyId()).isNotEqualTo(oldKey).isEqualTo(box.activeKeyId());
        assertThat(box.keyIds()).containsExactly(fresh.keyId(), oldKey);
        assertThat(box.openString(old, CONTEXT)).isEqualTo("before");
        assertThat(box.openString(fresh, CONTEXT)).isEqualTo("after");
    }

    @Test
    void aRotationWaitsForTransactionsThatSealedWithTheOldKey() {
        MasterKeys next = box.keys().withActive(MasterKeys.generate());
        TransactionSynchronizationManager.initSynchronization();
        try {
            box.seal("in flight", CONTEXT);

            assertThat(box.replaceKeys(next, Duration.ZERO)).as("the transaction is still open").isFalse();
            TransactionSynchronizationManager.getSynchronizations()
                    .forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
        assertThat(box.replaceKeys(next, Duration.ZERO)).as("the transaction has ended").isTrue();
    }

    @Test
    void aMasterKeyThatIsNotBase64OfThirtyTwoBytesIsRefusedWithoutRepeatingIt() {
        String tooShort = Base64.getEncoder().encodeToString("only-sixteen-byt".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> SecretBox.load(settings(tooShort), dataDir)).isInstanceOf(InvalidMasterKey.class)
                .hasMessageContaining("NEX7_MASTER_KEY decodes to 16 bytes").hasMessageContaining("exactly 32")
                .hasMessageNotContaining(tooShort);
        assertThatThrownBy(() -> SecretBox.load(settings("not base64 at all!"), dataDir))
                .isInstanceOf(InvalidMasterKey.class).hasMessageContaining("NEX7_MASTER_KEY is not valid base64")
                .hasMessageNotContaining("not base64 at all!");
        FailureAnalysis analysis = new InvalidMasterKeyFailureAnalyzer().analyze(
                new IllegalStateException("context failed", new InvalidMasterKey("NEX7_MASTER_KEY is not valid base64")));
        assertThat(analysis.getDescription()).isEqualTo("NEX7_MASTER_KEY is not valid base64");
        assertThat(analysis.getAction()).contains("openssl rand -base64 32");
    }

    @Test
    void aMasterKeyFromTheEnvironmentIsUsedWithItsPreviousKeysAndNoFileIsWritten() {
        byte[] previous = MasterKeys.generate();
        Sealed old = new SecretBox(MasterKeys.of(List.of(previous)), null).seal("old", CONTEXT);
        byte[] current = MasterKeys.generate();

        SecretBox loaded = SecretBox.load(new SecretSettings(Base64.getEncoder().encodeToString(current),
                List.of(Base64.getUrlEncoder().encodeToString(previous)), null, Duration.ofSeconds(1)), dataDir);

        assertThat(loaded.activeKeyId()).isEqualTo(MasterKeys.id(current));
        assertThat(loaded.openString(old, CONTEXT)).isEqualTo("old");
        assertThat(loaded.external()).isTrue();
        assertThat(dataDir.resolve("master.keys")).doesNotExist();
    }

    @Test
    void theEnvironmentVariablesBindAsApplicationPropertiesMapThem() {
        String key = Base64.getEncoder().encodeToString(MasterKeys.generate());
        // As application.properties maps NEX7_MASTER_KEY and an unset NEX7_PREVIOUS_MASTER_KEYS.
        Binder binder = new Binder(List.of(new MapConfigurationPropertySource(Map.of(
                "nex7.secrets.master-key", key, "nex7.secrets.previous-master-keys", ""))),
                null, ApplicationConversionService.getSharedInstance());

        SecretSettings settings = binder.bindOrCreate("nex7.secrets", SecretSettings.class);

        assertThat(settings.external()).isTrue();
        assertThat(settings.rotationWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(SecretBox.load(settings, dataDir).keyIds()).hasSize(1);
    }

    @Test
    void theFirstStartWritesAnOwnerOnlyKeyFileAndWarnsWithItsPathButNotTheKey(CapturedOutput output)
            throws Exception {
        SecretBox first = SecretBox.load(settings(null), dataDir);
        Path file = dataDir.resolve("master.keys");
        String key = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();

        SecretBox restarted = SecretBox.load(settings(null), dataDir);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(output.getOut()).contains("WARN").contains("BACK THIS FILE UP").contains(file.toAbsolutePath().toString())
                .doesNotContain(key);
        assertThat(restarted.activeKeyId()).isEqualTo(first.activeKeyId());
        assertThat(restarted.openString(first.seal("kept", CONTEXT), CONTEXT)).isEqualTo("kept");
    }

    @Test
    void aKeyFileWithoutAUsableKeyIsRefused() throws Exception {
        Path file = dataDir.resolve("broken.keys");
        Files.writeString(file, "# nothing here\n");
        SecretSettings settings = new SecretSettings(null, List.of(), file, Duration.ofSeconds(1));

        assertThatThrownBy(() -> SecretBox.load(settings, dataDir)).isInstanceOf(InvalidMasterKey.class)
                .hasMessageContaining("holds no key");
        Files.writeString(file, "c2hvcnQ=\n");
        assertThatThrownBy(() -> SecretBox.load(settings, dataDir)).isInstanceOf(InvalidMasterKey.class)
                .hasMessageContaining("Line 1 of the key file");
    }

    private static SecretSettings settings(String masterKey) {
        return new SecretSettings(masterKey, List.of(), null, Duration.ofSeconds(1));
    }
}
