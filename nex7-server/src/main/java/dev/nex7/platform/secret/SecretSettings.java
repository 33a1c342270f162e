package dev.nex7.platform.secret;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Where the master keys that encrypt stored secrets come from. With a {@code masterKey} (env
 * {@code NEX7_MASTER_KEY}) NEX7 uses that key and never writes one; without it NEX7 keeps its keys
 * in {@code keyFile}, generating one on first start. Several instances sharing a database must all
 * be given the same {@code masterKey}.
 *
 * @param masterKey base64 of 32 random bytes ({@code openssl rand -base64 32}); blank to use the key file
 * @param previousMasterKeys keys that {@code masterKey} replaced (env {@code NEX7_PREVIOUS_MASTER_KEYS},
 *        comma-separated): they only decrypt, and on start NEX7 re-encrypts what they sealed with
 *        {@code masterKey}, after which they can be removed
 * @param keyFile the key file; blank means {@code master.keys} in the data directory ({@code nex7.db.data-dir})
 * @param rotationWait how long a rotation waits for transactions that are sealing secrets with the old key
 */
@Validated
@ConfigurationProperties("nex7.secrets")
public record SecretSettings(
        String masterKey,
        @DefaultValue List<String> previousMasterKeys,
        Path keyFile,
        @DefaultValue("30s") @NotNull Duration rotationWait) {

    /** Whether the keys come from the environment rather than the key file. */
    public boolean external() {
        return masterKey != null && !masterKey.isBlank();
    }
}
