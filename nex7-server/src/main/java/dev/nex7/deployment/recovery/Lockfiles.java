package dev.nex7.deployment.recovery;

import java.util.Optional;

/**
 * The command that brings a project's lockfile in line with its {@code package.json} without
 * installing anything, for the package manager whose lockfile the project has.
 */
final class Lockfiles {

    private Lockfiles() {
    }

    /** The refresh command run in {@code directory}, or empty when there is no lockfile there. */
    static Optional<String> refresh(ProjectFiles files, String directory) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        String cd = directory.isEmpty() ? "" : "cd '" + directory.replace("'", "'\\''") + "' && ";
        if (files.exists(prefix + "package-lock.json") || files.exists(prefix + "npm-shrinkwrap.json")) {
            return Optional.of(cd + "npm install --package-lock-only --ignore-scripts --no-audit --no-fund");
        }
        if (files.exists(prefix + "pnpm-lock.yaml")) {
            return Optional.of(cd + "pnpm install --lockfile-only --ignore-scripts");
        }
        if (files.exists(prefix + "yarn.lock")) {
            return Optional.of(cd + "yarn install --mode update-lockfile");
        }
        return Optional.empty();
    }
}
