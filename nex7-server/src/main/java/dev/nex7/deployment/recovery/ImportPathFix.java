package dev.nex7.deployment.recovery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.recovery.FixProposal.FileEdits;

/**
 * A relative import names a file that is not there, but one that differs only in letter case or
 * extension is: rewrite the import to name it. (macOS and Windows forgive the case; Linux build
 * machines do not, which is how most of these reach a deployment.) Each folder on the way is matched
 * the same way. Only a single candidate is used; two candidates mean a person must choose.
 *
 * <p>Extensions follow the file's style: an import written without one stays without one, and an
 * ESM TypeScript import written with {@code .js} keeps {@code .js} for a {@code .ts} file, as
 * TypeScript requires.
 */
@Component
class ImportPathFix implements FixGenerator {

    static final String STRATEGY = FixStrategy.FIX_IMPORT_PATH.id();
    private static final List<String> SOURCE_EXTENSIONS = List.of(".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json",
            ".vue", ".svelte", ".css", ".scss");
    private static final Set<String> SKIPPED_FOLDERS = Set.of("node_modules", ".git", ".next", "dist", "build", "out", "coverage", ".vercel");
    private static final int MAX_SCANNED = 5_000;

    @Override
    public List<FixProposal> propose(FixContext context) {
        List<FixProposal> proposals = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Finding finding : context.findings()) {
            String specifier = finding.subject();
            if (finding.fixStrategy() != FixStrategy.FIX_IMPORT_PATH || specifier == null
                    || !(specifier.startsWith("./") || specifier.startsWith("../")) || !seen.add(finding.file() + "|" + specifier)) {
                continue;
            }
            List<String> importers = finding.file() != null && context.files().exists(finding.file()) ? List.of(finding.file())
                    : importersOf(context.files(), specifier);
            if (importers.size() == 1) {
                propose(context.files(), finding, importers.get(0), specifier).ifPresent(proposals::add);
            }
        }
        return proposals;
    }

    private Optional<FixProposal> propose(ProjectFiles files, Finding finding, String importer, String specifier) {
        Optional<String> corrected = correct(files, parent(importer), specifier);
        Optional<String> text = files.read(importer);
        if (corrected.isEmpty() || corrected.get().equals(specifier) || text.isEmpty()) {
            return Optional.empty();
        }
        String edited = text.get();
        for (char quote : new char[] {'\'', '"', '`'}) {
            edited = edited.replace(quote + specifier + quote, quote + corrected.get() + quote);
        }
        if (edited.equals(text.get())) {
            return Optional.empty();
        }
        boolean caseOnly = corrected.get().equalsIgnoreCase(specifier);
        return Optional.of(FixProposal.rule(STRATEGY, caseOnly ? 0.92 : 0.85,
                "The import '" + specifier + "' in " + importer + " names no file, but '" + corrected.get() + "' exists"
                        + (caseOnly ? " (only the letter case differs)" : "") + "; the import is rewritten to it.",
                finding, new FileEdits(Map.of(importer, edited))));
    }

    /** The specifier with every segment matched to what exists, when each matches exactly one entry. */
    static Optional<String> correct(ProjectFiles files, String directory, String specifier) {
        String[] segments = specifier.split("/");
        List<String> out = new ArrayList<>();
        String current = directory;
        for (int i = 0; i < segments.length - 1; i++) {
            String segment = segments[i];
            if (segment.equals(".") || segment.equals("..")) {
                if (segment.equals("..")) {
                    if (current.isEmpty()) {
                        return Optional.empty(); // leaves the project
                    }
                    current = parent(current);
                }
                out.add(segment);
                continue;
            }
            String here = current;
            List<String> matches = files.list(here).stream()
                    .filter(name -> name.equalsIgnoreCase(segment) && files.isDirectory(join(here, name))).toList();
            if (matches.size() != 1) {
                return Optional.empty();
            }
            out.add(matches.get(0));
            current = join(current, matches.get(0));
        }
        String last = segments[segments.length - 1];
        String extension = SOURCE_EXTENSIONS.contains(extension(last)) ? extension(last) : "";
        String stem = extension.isEmpty() ? last : last.substring(0, last.length() - extension.length());
        String folder = current;
        List<String> candidates = files.list(folder).stream().filter(name -> {
            String candidateExtension = extension(name);
            String candidateStem = candidateExtension.isEmpty() ? name : name.substring(0, name.length() - candidateExtension.length());
            if (files.isDirectory(join(folder, name))) {
                return name.equalsIgnoreCase(stem) && extension.isEmpty() && hasIndex(files, join(folder, name));
            }
            return candidateStem.equalsIgnoreCase(stem) && SOURCE_EXTENSIONS.contains(candidateExtension);
        }).toList();
        if (candidates.size() != 1) {
            return Optional.empty();
        }
        String found = candidates.get(0);
        String foundExtension = files.isDirectory(join(folder, found)) ? "" : extension(found);
        String foundStem = found.substring(0, found.length() - foundExtension.length());
        String written;
        if (extension.isEmpty()) {
            written = foundStem;
        } else if (List.of(".js", ".jsx", ".mjs", ".cjs").contains(extension) && List.of(".ts", ".tsx", ".mts", ".cts").contains(foundExtension)) {
            written = foundStem + (foundExtension.equals(".mts") ? ".mjs" : foundExtension.equals(".cts") ? ".cjs" : ".js");
        } else {
            written = found;
        }
        out.add(written);
        return Optional.of(String.join("/", out));
    }

    private static boolean hasIndex(ProjectFiles files, String directory) {
        return files.list(directory).stream().anyMatch(name -> name.matches("index\\.[cm]?[jt]sx?"));
    }

    /** The source files that contain the quoted specifier (a bundler's message may not name the importer). */
    private static List<String> importersOf(ProjectFiles files, String specifier) {
        List<String> importers = new ArrayList<>();
        Deque<String> folders = new ArrayDeque<>(List.of(""));
        int scanned = 0;
        while (!folders.isEmpty() && scanned < MAX_SCANNED) {
            String folder = folders.pop();
            for (String name : files.list(folder)) {
                String path = join(folder, name);
                scanned++;
                if (files.isDirectory(path)) {
                    if (!SKIPPED_FOLDERS.contains(name.toLowerCase(Locale.ROOT))) {
                        folders.push(path);
                    }
                } else if (SOURCE_EXTENSIONS.contains(extension(name)) && files.read(path)
                        .filter(text -> text.contains("'" + specifier + "'") || text.contains("\"" + specifier + "\"")).isPresent()) {
                    importers.add(path);
                }
            }
        }
        return importers;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }

    static String parent(String path) {
        return path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
    }

    private static String join(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }
}
