package dev.nex7.deployment.analysis;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.Severity;

/**
 * Install failures of npm ({@code npm error} / {@code npm ERR!}), pnpm ({@code ERR_PNPM_…}) and
 * yarn (classic {@code error …}, berry {@code YN0…}): peer dependency conflicts (ERESOLVE) with
 * the packages named, packages or versions the registry does not have (E404, ETARGET), a lockfile
 * out of step with {@code package.json}, and engine mismatches (EBADENGINE; a warning unless
 * {@code engine-strict}). They concern {@code package.json}, which is where the finding points.
 */
@Component
class PackageInstallAnalyzer extends LineAnalyzer {

    private static final String MANIFEST = "package.json";
    private static final int BLOCK = 40;

    private static final Pattern NPM_PREFIX = Pattern.compile("^npm (?:error|ERR!|warn|WARN) ?");
    private static final Pattern PEER = Pattern.compile("^peer (\\S+?)@\"([^\"]+)\" from (\\S+)");
    private static final Pattern FOUND = Pattern.compile("^Found: (\\S+)");
    private static final Pattern CONFLICTING = Pattern.compile("^Conflicting peer dependency: (\\S+)");
    private static final Pattern NOT_IN_REGISTRY = Pattern.compile("'(\\S+?)' (?:is not in (?:the npm|this) registry|could not be found)");
    private static final Pattern REQUESTED = Pattern.compile("The requested resource '(\\S+?)' could not be found");
    private static final Pattern GET_URL = Pattern.compile("GET (https?://\\S+?)(?::| -|$)");
    private static final Pattern NO_MATCHING_VERSION = Pattern.compile("No matching version found for (\\S+?)\\.?(?:\\s|$)");
    private static final Pattern LOCK_MISSING = Pattern.compile("^(?:Missing: (\\S+) from lock file|Invalid: lock file's \\S+ does not satisfy (\\S+))");
    private static final Pattern NPM_REQUIRED = Pattern.compile("Required: \\{\"node\":\"([^\"]+)\"");
    private static final Pattern NPM_NOT_COMPATIBLE = Pattern.compile("Not compatible with your version of node/npm: (\\S+)");
    private static final Pattern WARN_PACKAGE = Pattern.compile("package: '([^']+)'");
    private static final Pattern WARN_REQUIRED = Pattern.compile("required: \\{ node: '([^']+)'");
    private static final Pattern PNPM_ADDED = Pattern.compile("dependencies were added: (\\S+)");
    private static final Pattern PNPM_UNMET = Pattern.compile("unmet peer (\\S+?):");
    private static final Pattern EXPECTED_VERSION = Pattern.compile("Expected version:? \"?([^\"\\s]+(?: [^\"\\s]+)*?)\"?(?:\\.| Got|$)");
    private static final Pattern YARN_PACKAGE = Pattern.compile("Couldn't find package \"([^\"]+)\"");
    private static final Pattern YARN_UNEXPECTED = Pattern.compile("An unexpected error occurred: \"(https?://\\S+?): Not found\"");
    private static final Pattern YARN_ENGINE = Pattern.compile("^error (\\S+): The engine \"node\" is incompatible with this module\\. Expected version \"([^\"]+)\"");
    private static final Pattern BERRY_NOT_FOUND = Pattern.compile("YN0035: .*?(\\S+?): Package not found");

    @Override
    Finding read(BuildLog log, int index, String line) {
        if (line.startsWith("npm ")) {
            return npm(log, index, line);
        }
        if (line.contains("ERR_PNPM_")) {
            return pnpm(log, index, line);
        }
        return line.startsWith("error ") || line.contains("YN00") ? yarn(log, index, line) : null;
    }

    private static Finding npm(BuildLog log, int index, String line) {
        String body = npmBody(line);
        if (body == null) {
            return null;
        }
        if (body.equals("code ERESOLVE")) {
            return eresolve(log, index);
        }
        if (body.equals("code E404") || body.equals("code ETARGET")) {
            return notFound(log, index, "npm");
        }
        if (body.equals("code EBADENGINE") || body.startsWith("EBADENGINE Unsupported engine")) {
            return engine(log, index, line.startsWith("npm warn") || line.startsWith("npm WARN"));
        }
        if (body.contains("can only install packages when your package.json and package-lock.json")) {
            return lockfile(log, index, "npm", "package-lock.json is out of sync with package.json");
        }
        return null;
    }

    private static String npmBody(String line) {
        Matcher prefix = NPM_PREFIX.matcher(line);
        return prefix.lookingAt() ? line.substring(prefix.end()).strip() : null;
    }

    private static Finding eresolve(BuildLog log, int index) {
        String found = null;
        String peer = null;
        String requiredBy = null;
        String conflicting = null;
        for (int j = index + 1; j < Math.min(log.size(), index + BLOCK); j++) {
            String body = npmBody(log.line(j));
            if (body == null) {
                break;
            }
            Matcher match;
            if (found == null && (match = FOUND.matcher(body)).lookingAt()) {
                found = match.group(1);
            } else if (peer == null && (match = PEER.matcher(body)).lookingAt()) {
                peer = match.group(1) + "@" + match.group(2);
                requiredBy = match.group(3);
            } else if (conflicting == null && (match = CONFLICTING.matcher(body)).lookingAt()) {
                conflicting = match.group(1);
            }
        }
        String subject = peer != null ? peer : conflicting != null ? conflicting : found;
        String message = peer != null
                ? requiredBy + " needs peer " + peer + (found == null ? "" : ", but the project has " + found)
                : "Conflicting peer dependencies" + (subject == null ? "" : ": " + subject);
        return install(FindingCategory.DEPENDENCY_CONFLICT, "npm", index).subject(subject)
                .message("ERESOLVE: " + message).fix(FixStrategy.RESOLVE_PEER_CONFLICT).build();
    }

    private static Finding notFound(BuildLog log, int index, String tool) {
        String subject = null;
        for (int j = index; j < Math.min(log.size(), index + 12) && subject == null; j++) {
            String line = log.line(j);
            Matcher match;
            if ((match = REQUESTED.matcher(line)).find() || (match = NOT_IN_REGISTRY.matcher(line)).find()
                    || (match = NO_MATCHING_VERSION.matcher(line)).find()) {
                subject = match.group(1);
            }
        }
        for (int j = index; j < Math.min(log.size(), index + 4) && subject == null; j++) {
            Matcher url = GET_URL.matcher(log.line(j));
            if (url.find()) {
                subject = packageOfUrl(url.group(1));
            }
        }
        return install(FindingCategory.PACKAGE_NOT_FOUND, tool, index).subject(subject)
                .message((subject == null ? "A package" : subject) + " is not in the registry")
                .fix(FixStrategy.FIX_PACKAGE_NAME).build();
    }

    private static Finding engine(BuildLog log, int index, boolean warning) {
        String range = null;
        String pkg = null;
        for (int j = index; j < Math.min(log.size(), index + 8); j++) {
            String line = log.line(j);
            Matcher match;
            if (range == null && ((match = NPM_REQUIRED.matcher(line)).find() || (match = WARN_REQUIRED.matcher(line)).find())) {
                range = match.group(1).replace(" ", "");
            }
            if (pkg == null && ((match = NPM_NOT_COMPATIBLE.matcher(line)).find() || (match = WARN_PACKAGE.matcher(line)).find())) {
                pkg = match.group(1);
            }
        }
        return engineFinding("npm", index, pkg, range, warning);
    }

    private static Finding engineFinding(String tool, int index, String pkg, String range, boolean warning) {
        String message = (pkg == null ? "A package" : pkg) + " requires Node.js " + (range == null ? "another version" : range);
        return install(FindingCategory.ENGINE_MISMATCH, tool, index).subject(range == null ? null : "node@" + range)
                .message(message).fix(FixStrategy.PIN_NODE_VERSION).severity(warning ? Severity.WARNING : Severity.ERROR)
                .build();
    }

    private static Finding lockfile(BuildLog log, int index, String tool, String message) {
        String subject = null;
        for (int j = index + 1; j < Math.min(log.size(), index + 12) && subject == null; j++) {
            String line = log.line(j);
            String body = npmBody(line);
            Matcher match;
            if ((match = LOCK_MISSING.matcher(body == null ? line.strip() : body)).lookingAt()) {
                subject = match.group(1) != null ? match.group(1) : match.group(2);
            } else if ((match = PNPM_ADDED.matcher(line)).find()) {
                subject = match.group(1);
            }
        }
        return install(FindingCategory.LOCKFILE_OUTDATED, tool, index).subject(subject)
                .message(message + (subject == null ? "" : " (" + subject + " is not in the lockfile)"))
                .fix(FixStrategy.REGENERATE_LOCKFILE).build();
    }

    private static Finding pnpm(BuildLog log, int index, String line) {
        if (line.contains("ERR_PNPM_OUTDATED_LOCKFILE") || line.contains("ERR_PNPM_LOCKFILE")) {
            return lockfile(log, index, "pnpm", "pnpm-lock.yaml is not up to date with package.json");
        }
        if (line.contains("ERR_PNPM_FETCH_404") || line.contains("ERR_PNPM_NO_MATCHING_VERSION")) {
            return notFound(log, index, "pnpm");
        }
        if (line.contains("ERR_PNPM_PEER_DEP_ISSUES")) {
            String subject = null;
            for (int j = index + 1; j < Math.min(log.size(), index + BLOCK) && subject == null; j++) {
                Matcher unmet = PNPM_UNMET.matcher(log.line(j));
                subject = unmet.find() ? unmet.group(1) : null;
            }
            return install(FindingCategory.DEPENDENCY_CONFLICT, "pnpm", index).subject(subject)
                    .message("Unmet peer dependencies" + (subject == null ? "" : ": " + subject))
                    .fix(FixStrategy.RESOLVE_PEER_CONFLICT).build();
        }
        if (line.contains("ERR_PNPM_UNSUPPORTED_ENGINE")) {
            String range = null;
            for (int j = index; j < Math.min(log.size(), index + 8) && range == null; j++) {
                Matcher expected = EXPECTED_VERSION.matcher(log.line(j));
                range = expected.find() ? expected.group(1).replace(" ", "") : null;
            }
            return engineFinding("pnpm", index, null, range, false);
        }
        return null;
    }

    private static Finding yarn(BuildLog log, int index, String line) {
        Matcher match;
        if ((match = YARN_PACKAGE.matcher(line)).find()) {
            return yarnNotFound(index, match.group(1));
        }
        if ((match = YARN_UNEXPECTED.matcher(line)).find()) {
            return yarnNotFound(index, packageOfUrl(match.group(1)));
        }
        if ((match = BERRY_NOT_FOUND.matcher(line)).find()) {
            return yarnNotFound(index, match.group(1).replace("@npm:", "@"));
        }
        if (line.contains("Your lockfile needs to be updated") || line.contains("YN0028")) {
            return lockfile(log, index, "yarn", "yarn.lock is not up to date with package.json");
        }
        if ((match = YARN_ENGINE.matcher(line)).find()) {
            return engineFinding("yarn", index, match.group(1), match.group(2), false);
        }
        return null;
    }

    private static Finding yarnNotFound(int index, String subject) {
        return install(FindingCategory.PACKAGE_NOT_FOUND, "yarn", index).subject(subject)
                .message(subject + " is not in the registry").fix(FixStrategy.FIX_PACKAGE_NAME).build();
    }

    private static Finding.Builder install(FindingCategory category, String tool, int index) {
        return Finding.of(category, tool, index).at(MANIFEST, null, null);
    }

    /** {@code https://registry.npmjs.org/@scope%2fname} → {@code @scope/name}. */
    private static String packageOfUrl(String url) {
        String path = url.replaceFirst("^https?://[^/]+/", "");
        return URLDecoder.decode(path, StandardCharsets.UTF_8);
    }
}
