package dev.nex7.platform.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file that holds the master key ring when no {@code NEX7_MASTER_KEY} is set: one base64 key
 * per line, the active key first, readable by its owner only. It is replaced atomically, so a
 * crash leaves either the old ring or the new one, never half of one.
 */
final class KeyFile {

    private static final Logger log = LoggerFactory.getLogger(KeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String HEADER = """
            # NEX7 master keys (AES-256, base64). Back this file up together with the database: without it
            # NEX7 cannot read the credentials and signing keys it stored. The first key encrypts; any
            # others only decrypt records that a key rotation has not re-encrypted yet.
            """;

    private final Path path;

    KeyFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    boolean exists() {
        return Files.exists(path);
    }

    MasterKeys read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidMasterKey("The key file " + path.toAbsolutePath() + " cannot be read", e);
        }
        warnIfOthersCanRead();
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                keys.add(MasterKeys.decode(line, "Line " + (i + 1) + " of the key file " + path.toAbsolutePath()));
            }
        }
        if (keys.isEmpty()) {
            throw new InvalidMasterKey("The key file " + path.toAbsolutePath() + " holds no key");
        }
        return MasterKeys.of(keys);
    }

    /** Replaces the file with {@code keys}: written to a private temporary file, then moved over it. */
    void write(MasterKeys keys) {
        StringBuilder text = new StringBuilder(HEADER);
        keys.raw().forEach(key -> text.append(Base64.getEncoder().encodeToString(key)).append('\n'));
        try {
            Path directory = path.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = createPrivate(directory);
            try {
                Files.writeString(temporary, text, StandardCharsets.US_ASCII);
                try {
                    Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the key file " + path.toAbsolutePath(), e);
        }
    }

    private static Path createPrivate(Path directory) throws IOException {
        try {
            return Files.createTempFile(directory, ".master.keys", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            log.debug("File system has no POSIX permissions; the key file keeps its default ones");
            return Files.createTempFile(directory, ".master.keys", ".tmp");
        }
    }

    private void warnIfOthersCanRead() {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (!OWNER_ONLY.containsAll(permissions)) {
                log.warn("The key file {} can be read by other users; restrict it with `chmod 600`", path.toAbsolutePath());
            }
        } catch (UnsupportedOperationException | IOException e) {
            log.debug("Cannot check the permissions of {}", path);
        }
    }
}
