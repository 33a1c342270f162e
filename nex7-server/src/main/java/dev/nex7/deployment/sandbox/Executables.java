package dev.nex7.deployment.sandbox;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds programs the way a shell does: the first executable of that name in a {@code PATH}. */
final class Executables {

    private Executables() {
    }

    /** The program {@code name} in the first absolute directory of {@code path} that has it. */
    static Optional<Path> find(String path, String name) {
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.startsWith("/")) {
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
