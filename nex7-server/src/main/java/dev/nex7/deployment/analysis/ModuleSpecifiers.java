package dev.nex7.deployment.analysis;

import dev.nex7.deployment.FixStrategy;

/** What an unresolved import names: a package to install, or a path to correct. */
final class ModuleSpecifiers {

    private ModuleSpecifiers() {
    }

    /**
     * Whether {@code specifier} is a path (relative, absolute, or through a path alias such as
     * {@code @/components/x} or {@code ~/x}) rather than a package name.
     */
    static boolean isPath(String specifier) {
        return specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("@/")
                || specifier.startsWith("~/") || specifier.startsWith("#") || specifier.matches("[A-Za-z]:[/\\\\].*");
    }

    /** The package to install for a bare specifier: {@code lodash/fp} → {@code lodash}, {@code @a/b/c} → {@code @a/b}. */
    static String packageName(String specifier) {
        String[] parts = specifier.split("/");
        if (specifier.startsWith("@") && parts.length >= 2) {
            return parts[0] + "/" + parts[1];
        }
        return parts[0];
    }

    /** The subject of a module-not-found finding: the package for a bare specifier, the path as written otherwise. */
    static String subject(String specifier) {
        return isPath(specifier) ? specifier : packageName(specifier);
    }

    static FixStrategy fix(String specifier) {
        return isPath(specifier) ? FixStrategy.FIX_IMPORT_PATH : FixStrategy.ADD_DEPENDENCY;
    }
}
