package dev.nex7.deployment.analysis;

import java.util.Set;

import dev.nex7.deployment.FixStrategy;

/** What an unresolved import names: a package to install, or a path to correct. */
final class ModuleSpecifiers {

    /** Node's built-in modules: nothing to install; a bundle for the browser cannot have them. */
    private static final Set<String> NODE_BUILTINS = Set.of("assert", "async_hooks", "buffer", "child_process",
            "cluster", "crypto", "dgram", "diagnostics_channel", "dns", "events", "fs", "fs/promises", "http", "http2",
            "https", "inspector", "module", "net", "os", "path", "perf_hooks", "process", "querystring", "readline",
            "stream", "string_decoder", "timers", "tls", "tty", "url", "util", "v8", "vm", "worker_threads", "zlib");

    private ModuleSpecifiers() {
    }

    /** Whether {@code specifier} names one of Node's built-in modules ({@code fs}, {@code node:path}, …). */
    static boolean isNodeBuiltin(String specifier) {
        String name = specifier.startsWith("node:") ? specifier.substring("node:".length()) : specifier;
        return NODE_BUILTINS.contains(name);
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

    /** Correct a path, install a package; a built-in needs the code moved, which no rule does. */
    static FixStrategy fix(String specifier) {
        if (isNodeBuiltin(specifier)) {
            return null;
        }
        return isPath(specifier) ? FixStrategy.FIX_IMPORT_PATH : FixStrategy.ADD_DEPENDENCY;
    }
}
