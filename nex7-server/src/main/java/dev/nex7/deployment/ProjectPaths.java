package dev.nex7.deployment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the paths tools print relative to the project. Build machines put projects in well-known
 * places (Vercel's {@code /vercel/path0}, GitHub's {@code /home/runner/work/repo/repo}); elsewhere
 * the log gives the root away: webpack names the project's {@code package.json}, a crashed
 * script's directory holds the project, and a path into {@code src/} or {@code app/} starts where
 * the project does. Paths no rule applies to stay absolute: a wrong guess is worse than none. What the log reveals is learned once, on first use, in one pass over the lines.
 */
final class ProjectPaths {

    /** Workspace roots of hosted builders, with {@code /} separators. */
    private static final List<Pattern> HOSTED_ROOTS = List.of(
            Pattern.compile("/vercel/path\\d+/"),
            Pattern.compile("/home/runner/work/[^/]+/[^/]+/"),
            Pattern.compile("/Users/runner/work/[^/]+/[^/]+/"),
            Pattern.compile("[A-Za-z]:/a/[^/]+/[^/]+/"),
            Pattern.compile("/github/workspace/"),
            Pattern.compile("/builds/[^/]+/[^/]+/"),
            Pattern.compile("/opt/build/repo/"),
            Pattern.compile("/home/circleci/(?:project|repo)/"),
            Pattern.compile("/drone/src/"),
            Pattern.compile("/tmp/build_[0-9a-f]+/"));

    /**
     * Conventional working directories of container builds; tried after what the log reveals,
     * since a project may also sit in a folder below them ({@code /workspace/shop/src}).
     */
    private static final List<Pattern> CONTAINER_ROOTS = List.of(
            Pattern.compile("/workspace/"),
            Pattern.compile("/usr/src/app/"),
            Pattern.compile("/home/node/app/"),
            Pattern.compile("/app/"));

    /**
     * Folders a project's files conventionally live in, strongest first: where one starts, the
     * project root ends. A monorepo's {@code packages/} or {@code apps/} comes before everything,
     * then {@code src/}, then build output and dependencies, then the weaker ones ({@code app/},
     * {@code lib/}, …) that a folder holding the project may also be called.
     */
    private static final List<Set<String>> SOURCE_FOLDERS = List.of(Set.of("packages", "apps"), Set.of("src"),
            Set.of(".next", "node_modules"), Set.of("app", "pages", "lib", "components", "public", "test", "tests",
                    "server", "api", "styles", "utils", "hooks", "scripts"));

    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?:file://)?(/[\\w.@+~-]+(?:/[\\w.@+~-]+)+)");
    private static final Pattern WEBPACK_DESCRIPTION = Pattern.compile("using description file: (/\\S+)/package\\.json");
    private static final Pattern NODE_ENTRY_FRAME = Pattern.compile(
            "^\\s+at (?:Object\\.<anonymous> \\((?:file://)?(/[^():]+):\\d+:\\d+\\)|(?:file://)(/[^():]+):\\d+:\\d+)$");
    private static final Pattern SCRIPT_FRAME = Pattern.compile("^\\s+(?:at .*?\\(?(?:file://)?|File \")(/[^():\"]+\\.(?:[cm]?[jt]sx?|py))[:\"]");
    private static final Pattern PYTHON_FRAME = Pattern.compile("^\\s*File \"(/[^\"]+)\", line \\d+");

    private final List<String> lines;
    private final List<String> givenRoots;
    private List<String> learnedRoots;
    private List<String> scriptFolders;

    ProjectPaths(List<String> lines, Collection<String> projectRoots) {
        this.lines = lines;
        this.givenRoots = projectRoots.stream().map(root -> withSlash(separators(root)))
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    String relative(String reported) {
        if (reported == null) {
            return null;
        }
        String path = scheme(separators(reported.strip()));
        if (!absolute(path)) {
            return path.startsWith("./") ? path.substring(2) : path;
        }
        for (String root : givenRoots) {
            if (path.startsWith(root)) {
                return path.substring(root.length());
            }
        }
        String hosted = afterRoot(path, HOSTED_ROOTS);
        if (hosted != null) {
            return hosted;
        }
        String learned = afterLongest(path, learnedRoots());
        if (learned != null) {
            return learned;
        }
        String container = afterRoot(path, CONTAINER_ROOTS);
        if (container != null) {
            return container;
        }
        String root = rootBeforeSourceFolder(path);
        if (root != null) {
            return path.substring(root.length());
        }
        String script = afterLongest(path, scriptFolders);
        return script == null ? path : script;
    }

    private static String afterRoot(String path, List<Pattern> roots) {
        for (Pattern root : roots) {
            Matcher matcher = root.matcher(path);
            if (matcher.lookingAt()) {
                return path.substring(matcher.end());
            }
        }
        return null;
    }

    private static String afterLongest(String path, List<String> roots) {
        for (String root : roots) {
            if (path.startsWith(root) && path.length() > root.length()) {
                return path.substring(root.length());
            }
        }
        return null;
    }

    private List<String> learnedRoots() {
        if (learnedRoots == null) {
            learn();
        }
        return learnedRoots;
    }

    /**
     * Learns the roots the log reveals, most specific (longest) first, and, as a last resort, the
     * folders of scripts that crashed (a stack frame outside any source folder, such as
     * {@code /srv/shop/server.js}, most likely sits at the project root).
     */
    private void learn() {
        Set<String> seen = new HashSet<>();
        Set<String> folders = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.indexOf('/') < 0) {
                continue;
            }
            Matcher description = WEBPACK_DESCRIPTION.matcher(line);
            if (description.find() && !description.group(1).contains("/node_modules/")) {
                seen.add(withSlash(description.group(1)));
            }
            String entry = entryScript(i);
            if (entry != null && rootBeforeSourceFolder(entry) == null) {
                seen.add(folder(entry));
            }
            Matcher frame = SCRIPT_FRAME.matcher(line);
            if (frame.find() && !frame.group(1).contains("/node_modules/") && rootBeforeSourceFolder(frame.group(1)) == null) {
                folders.add(folder(frame.group(1)));
            }
            Matcher path = ABSOLUTE_PATH.matcher(line);
            while (path.find()) {
                String root = rootBeforeSourceFolder(path.group(1));
                if (root != null && root.length() > 1) {
                    seen.add(root);
                }
            }
        }
        learnedRoots = longestFirst(seen);
        scriptFolders = longestFirst(folders);
    }

    private static List<String> longestFirst(Set<String> roots) {
        List<String> sorted = new ArrayList<>(roots);
        sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return List.copyOf(sorted);
    }

    private static String folder(String file) {
        return file.substring(0, file.lastIndexOf('/') + 1);
    }

    /**
     * The script a crash started from, when line {@code i} shows it: a Node frame of a module's top
     * level followed by Node's module loader, or the first Python frame outside the interpreter's
     * own library.
     */
    private String entryScript(int i) {
        String line = lines.get(i);
        Matcher node = NODE_ENTRY_FRAME.matcher(line);
        if (node.matches() && i + 1 < lines.size() && lines.get(i + 1).contains("(node:internal/modules/")) {
            return node.group(1) != null ? node.group(1) : node.group(2);
        }
        if (i > 0 && lines.get(i - 1).startsWith("Traceback (most recent call last)")) {
            for (int j = i; j < Math.min(lines.size(), i + 40); j += 1) {
                Matcher python = PYTHON_FRAME.matcher(lines.get(j));
                if (python.lookingAt() && !python.group(1).contains("/lib/python")) {
                    return python.group(1);
                }
            }
        }
        return null;
    }

    /** The part of {@code path} before its strongest conventional source folder, or {@code null}. */
    private static String rootBeforeSourceFolder(String path) {
        for (Set<String> folders : SOURCE_FOLDERS) {
            int start = 1;
            while (start < path.length()) {
                int end = path.indexOf('/', start);
                if (end < 0) {
                    break;
                }
                if (folders.contains(path.substring(start, end))) {
                    return path.substring(0, start);
                }
                start = end + 1;
            }
        }
        return null;
    }

    private static boolean absolute(String path) {
        return path.startsWith("/") || path.length() > 2 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':'
                && path.charAt(2) == '/';
    }

    /** Windows paths ({@code D:\a\shop\shop\src\index.js}) with {@code /} separators. */
    private static String separators(String path) {
        boolean windows = path.length() > 2 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':'
                && path.charAt(2) == '\\';
        return windows || path.indexOf('/') < 0 && path.indexOf('\\') >= 0 ? path.replace('\\', '/') : path;
    }

    /** Without {@code file://} or a webpack module prefix such as {@code webpack-internal:///(rsc)/}. */
    private static String scheme(String path) {
        if (path.startsWith("file://")) {
            return path.substring("file://".length());
        }
        if (path.startsWith("webpack-internal:///") || path.startsWith("webpack://")) {
            String rest = path.substring(path.indexOf("//") + 2);
            int dot = rest.indexOf("./");
            return dot >= 0 ? rest.substring(dot) : rest;
        }
        return path;
    }

    private static String withSlash(String path) {
        return path.endsWith("/") ? path : path + "/";
    }
}
