package dev.nex7.deployment.analysis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;

/**
 * Imports that do not resolve, as bundlers and Node report them: webpack's and Next.js's
 * {@code Module not found: Can't resolve 'x'} (the importing file on the {@code ERROR in} or
 * {@code ./path} line above), Vite/Rollup/Rolldown's {@code failed to resolve import "x" from
 * "file"} and {@code Could not resolve 'x' in file}, esbuild's {@code Could not resolve "x"},
 * and Node's {@code Cannot find module 'x'} / {@code Cannot find package 'x'}. (TypeScript's
 * TS2307 is read by {@link TypeScriptAnalyzer}.) A package is to be installed, a path corrected; a
 * Node built-in Next.js cannot resolve is server code in a Client Component.
 */
@Component
class ModuleResolutionAnalyzer extends LineAnalyzer {

    private static final Pattern WEBPACK = Pattern.compile("Module not found: (?:Error: )?Can't resolve '([^']+)'(?: in '([^']+)')?");
    private static final Pattern WEBPACK_ORIGIN = Pattern.compile("^(?:ERROR in |Error: )?(\\.{0,2}/?[^\\s:]+\\.\\w{1,5})(?::(\\d+):(\\d+)| (\\d+):(\\d+)(?:-\\d+)?)?$");
    private static final Pattern VITE = Pattern.compile("failed to resolve import \"([^\"]+)\" from \"([^\"]+)\"");
    private static final Pattern COULD_NOT_RESOLVE = Pattern.compile("Could not resolve [\"']([^\"']+)[\"'](?: (?:in|from) [\"']?([^\"'\\s]+?)[\"']?)?\\.?$");
    private static final Pattern ROLLDOWN_AT = Pattern.compile("\\[ ?(\\S+?):(\\d+):(\\d+) ?]");
    private static final Pattern ESBUILD_AT = Pattern.compile("^\\s+(\\S+?):(\\d+):(\\d+):$");
    private static final Pattern NODE = Pattern.compile("^(?:Uncaught )?Error(?: \\[ERR_MODULE_NOT_FOUND])?: Cannot find (?:module|package) '([^']+)'(?: imported from (\\S+))?");
    private static final Pattern DID_YOU_MEAN = Pattern.compile("^Did you mean (?:to import )?[\"']?([^\"'?]+)[\"']?\\?");

    @Override
    Finding read(BuildLog log, int index, String line) {
        if (line.contains("Can't resolve")) {
            return webpack(log, index, line);
        }
        if (line.contains("failed to resolve import")) {
            return vite(log, index, line);
        }
        if (line.contains("Could not resolve ")) {
            return couldNotResolve(log, index, line);
        }
        if (line.contains("Cannot find module '") || line.contains("Cannot find package '")) {
            return node(log, index, line);
        }
        return null;
    }

    private static Finding webpack(BuildLog log, int index, String line) {
        Matcher resolve = WEBPACK.matcher(line);
        if (!resolve.find()) {
            return null;
        }
        Location origin = null;
        for (int j = index - 1; j >= Math.max(0, index - 3) && origin == null; j--) {
            Matcher at = WEBPACK_ORIGIN.matcher(log.line(j).strip());
            if (at.matches()) {
                String row = at.group(2) != null ? at.group(2) : at.group(4);
                String column = at.group(3) != null ? at.group(3) : at.group(5);
                origin = new Location(log.path(at.group(1)), row == null ? null : Integer.valueOf(row),
                        column == null ? null : Integer.valueOf(column));
            }
        }
        String tool = log.line(Math.max(0, index - 1)).startsWith("ERROR in") ? "webpack" : bundler(log);
        String specifier = resolve.group(1);
        if (tool.equals("next") && ModuleSpecifiers.isNodeBuiltin(specifier)) {
            // Next.js bundles Client Components for the browser, which has no fs or path: server code
            // reached a client module, and the fix is to keep it on the server, not to install anything.
            Finding.Builder misuse = Finding.of(FindingCategory.NEXTJS_SERVER_CLIENT, tool, index).subject(specifier)
                    .message("Can't resolve '" + specifier + "': a Node.js module imported into a Client Component");
            if (origin != null) {
                misuse.at(origin.file(), origin.line(), origin.column());
            }
            return misuse.build();
        }
        return finding(log, index, tool, specifier, origin, "Can't resolve '" + specifier + "'");
    }

    private static Finding vite(BuildLog log, int index, String line) {
        Matcher resolve = VITE.matcher(line);
        if (!resolve.find()) {
            return null;
        }
        return finding(log, index, "vite", resolve.group(1), new Location(log.path(resolve.group(2)), null, null),
                "Failed to resolve import \"" + resolve.group(1) + "\"");
    }

    private static Finding couldNotResolve(BuildLog log, int index, String line) {
        Matcher resolve = COULD_NOT_RESOLVE.matcher(line);
        if (!resolve.find()) {
            return null;
        }
        Location origin = resolve.group(2) == null ? null : new Location(log.path(resolve.group(2)), null, null);
        for (int j = index + 1; j < Math.min(log.size(), index + 4); j++) {
            Matcher rolldown = ROLLDOWN_AT.matcher(log.line(j));
            Matcher esbuild = ESBUILD_AT.matcher(log.line(j));
            Matcher at = rolldown.find() ? rolldown : esbuild.matches() ? esbuild : null;
            if (at != null) {
                origin = new Location(log.path(at.group(1)), Integer.valueOf(at.group(2)), Integer.valueOf(at.group(3)));
                break;
            }
        }
        return finding(log, index, "vite", resolve.group(1), origin, "Could not resolve '" + resolve.group(1) + "'");
    }

    private static Finding node(BuildLog log, int index, String line) {
        Matcher missing = NODE.matcher(line.strip());
        if (!missing.lookingAt()) {
            return null;
        }
        String specifier = missing.group(1);
        Location origin = null;
        if (missing.group(2) != null) {
            origin = new Location(log.path(missing.group(2)), null, null);
        } else if (index + 2 < log.size() && log.line(index + 1).startsWith("Require stack:")
                && log.line(index + 2).startsWith("- ")) {
            // The requiring file heads the require stack; its frame further down has the line of the require.
            String requirer = log.path(log.line(index + 2).substring(2));
            origin = StackFrames.firstProjectFrame(log, index + 3, 20).filter(frame -> frame.file().equals(requirer))
                    .orElse(new Location(requirer, null, null));
        }
        if (specifier.startsWith("/") || specifier.matches("[A-Za-z]:[/\\\\].*")) {
            // Node names a missing relative import by its absolute path.
            specifier = log.path(specifier);
            specifier = specifier.startsWith("/") ? specifier : "./" + specifier;
        }
        return finding(log, index, "node", specifier, origin, "Cannot find module '" + specifier + "'");
    }

    private static Finding finding(BuildLog log, int index, String tool, String specifier, Location origin,
            String message) {
        Finding.Builder finding = Finding.of(FindingCategory.MODULE_NOT_FOUND, tool, index)
                .subject(ModuleSpecifiers.subject(specifier)).fix(ModuleSpecifiers.fix(specifier));
        if (origin != null) {
            finding.at(origin.file(), origin.line(), origin.column());
        }
        String suggestion = suggestion(log, index);
        return finding.message(suggestion == null ? message : message + " (did you mean '" + suggestion + "'?)").build();
    }

    /** webpack's and Node's "Did you mean …?" on the next lines: the likely correct path. */
    private static String suggestion(BuildLog log, int index) {
        for (int j = index + 1; j < Math.min(log.size(), index + 3); j++) {
            Matcher mean = DID_YOU_MEAN.matcher(log.line(j).strip());
            if (mean.lookingAt()) {
                return mean.group(1).strip();
            }
        }
        return null;
    }

    private static String bundler(BuildLog log) {
        for (int i = 0; i < Math.min(log.size(), 200); i++) {
            if (log.line(i).contains("Next.js")) {
                return "next";
            }
        }
        return "webpack";
    }
}
