package dev.nex7.deployment.sandbox;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A build's environment, made from nothing: the server's own environment (which holds
 * {@code NEX7_MASTER_KEY}, database passwords, API keys) is never passed on. A build gets a
 * {@code PATH}, fresh {@code HOME} and {@code TMPDIR}, a UTF-8 locale, the CI switches that turn
 * off colours, prompts, spinners and git hook installers ({@code HUSKY=0}), npm settings (a shared cache, the configured registry, no
 * audit, fund or update checks), Node's heap ceiling, and the target's own variables, which may not
 * replace any of these (a target's {@code NODE_OPTIONS} is kept, with the heap ceiling after it). npm reads {@code npm_config_*} whatever their case, so names are compared
 * ignoring case.
 */
final class BuildEnvironment {

    /** Where system tools live on Debian and most other Linux systems. */
    static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final List<String> NODE_TOOLS = List.of("node", "npm", "npx");

    private final String path;
    private final String npmRegistry;
    private final Path npmCache;

    BuildEnvironment(String path, String npmRegistry, Path npmCache) {
        this.path = path;
        this.npmRegistry = npmRegistry;
        this.npmCache = npmCache;
    }

    /**
     * The {@code PATH} builds get by default: the directories of the {@code node}, {@code npm} and
     * {@code npx} found on the server's own {@code PATH} (so a Node installed by nvm or in
     * {@code /opt} is the one builds use, as the server's own checks do), then the system directories.
     */
    static String defaultPath(String serverPath) {
        Set<String> directories = new LinkedHashSet<>();
        for (String tool : NODE_TOOLS) {
            Executables.find(serverPath, tool).ifPresent(found -> directories.add(found.getParent().toString()));
        }
        directories.addAll(List.of(SYSTEM_PATH.split(File.pathSeparator)));
        return String.join(File.pathSeparator, directories);
    }

    String path() {
        return path;
    }

    /** The directories of {@link #path()}. */
    List<Path> pathEntries() {
        List<Path> entries = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.startsWith("/")) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }

    /**
     * The environment of one run.
     *
     * @param ignored receives the names of the target's variables that were dropped
     */
    Map<String, String> of(Path home, Path temp, long memoryBytes, Map<String, String> target, List<String> ignored) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", path);
        environment.put("HOME", home.toString());
        environment.put("TMPDIR", temp.toString());
        environment.put("TMP", temp.toString());
        environment.put("TEMP", temp.toString());
        environment.put("LANG", "C.UTF-8");
        environment.put("CI", "1");
        environment.put("NO_COLOR", "1");
        environment.put("FORCE_COLOR", "0");
        // Git hook installers (husky) run from "prepare" on every install; a build has no use for
        // hooks, and with namespace isolation the checkout's .git is read-only to it.
        environment.put("HUSKY", "0");
        environment.put("npm_config_cache", npmCache.toString());
        if (npmRegistry != null && !npmRegistry.isBlank()) {
            environment.put("npm_config_registry", npmRegistry.strip());
        }
        environment.put("npm_config_audit", "false");
        environment.put("npm_config_fund", "false");
        environment.put("npm_config_update_notifier", "false");
        // Node stops with "JavaScript heap out of memory" below the hard limit, which says more
        // than a failed allocation at the limit; the rest is left for buffers and native code.
        // A target's own NODE_OPTIONS (--openssl-legacy-provider, say) is kept in front: Node
        // takes the last of a repeated option, so the ceiling holds.
        String heap = "--max-old-space-size=" + Math.max(32, memoryBytes * 3 / 4 / (1024 * 1024));
        String nodeOptions = target.get("NODE_OPTIONS");
        boolean usable = nodeOptions != null && !nodeOptions.isBlank() && nodeOptions.indexOf('\0') < 0;
        environment.put("NODE_OPTIONS", usable ? nodeOptions.strip() + " " + heap : heap);
        Set<String> reserved = new LinkedHashSet<>();
        environment.keySet().forEach(name -> reserved.add(name.toLowerCase(Locale.ROOT)));
        target.forEach((name, value) -> {
            if (name.equals("NODE_OPTIONS") && usable) {
                return;
            }
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0 || value == null
                    || value.indexOf('\0') >= 0 || reserved.contains(name.toLowerCase(Locale.ROOT))) {
                ignored.add(name);
            } else {
                environment.put(name, value);
            }
        });
        return environment;
    }
}
