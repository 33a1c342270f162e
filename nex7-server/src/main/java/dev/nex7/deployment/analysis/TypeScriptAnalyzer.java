package dev.nex7.deployment.analysis;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.Severity;

/**
 * TypeScript's diagnostics: {@code tsc}'s plain format ({@code src/a.ts(3,7): error TS2322: …}),
 * its pretty format ({@code src/a.ts:3:7 - error TS2322: …}), a bare {@code error TS5083: …},
 * and {@code next build}'s {@code Type error: …} under a {@code ./path:line:col} line (Next.js
 * up to 15; 16 prints tsc's plain format). "Cannot find module" (TS2307, TS2792) is a missing
 * module, not a type error.
 */
@Component
class TypeScriptAnalyzer extends LineAnalyzer {

    private static final Pattern PLAIN = Pattern.compile("^(?:Error: )?(\\S.*?)\\((\\d+),(\\d+)\\): (error|warning) TS(\\d+): (.*)$");
    private static final Pattern PRETTY = Pattern.compile("^(\\S[^:]*):(\\d+):(\\d+) - (error|warning) TS(\\d+): (.*)$");
    private static final Pattern BARE = Pattern.compile("^error TS(\\d+): (.*)$");
    private static final Pattern NEXT_LOCATION = Pattern.compile("^(\\.?/?\\S+?):(\\d+):(\\d+)$");
    private static final Pattern CANNOT_FIND_MODULE = Pattern.compile("^Cannot find module '([^']+)'");

    /**
     * The codes of the messages {@code next build} prints without one, so that a fix generator
     * keyed on codes sees the same subject either way.
     */
    private static final Map<Pattern, String> CODES_BY_MESSAGE = Map.of(
            Pattern.compile("^Type '.*' is not assignable to type '.*'"), "TS2322",
            Pattern.compile("^Argument of type '.*' is not assignable to parameter of type"), "TS2345",
            Pattern.compile("^Property '.*' does not exist on type"), "TS2339",
            Pattern.compile("^Cannot find name '.*'\\.$"), "TS2304",
            Pattern.compile("^Cannot find module '.*' or its corresponding type declarations"), "TS2307",
            Pattern.compile("^Object is possibly '(?:undefined|null)'"), "TS2532",
            Pattern.compile("^'.*' is possibly '(?:undefined|null)'"), "TS18048",
            Pattern.compile("^Parameter '.*' implicitly has an 'any' type"), "TS7006",
            Pattern.compile("^Property '.*' is missing in type"), "TS2741",
            Pattern.compile("^Expected \\d+ arguments?, but got \\d+"), "TS2554");

    @Override
    Finding read(BuildLog log, int index, String line) {
        if (line.contains(" TS") || line.startsWith("error TS")) {
            return diagnostic(log, index, line);
        }
        return line.startsWith("Type error: ") ? nextTypeError(log, index, line.substring("Type error: ".length())) : null;
    }

    private static Finding diagnostic(BuildLog log, int index, String line) {
        Matcher plain = PLAIN.matcher(line);
        Matcher pretty = PRETTY.matcher(line);
        Matcher matched = plain.matches() ? plain : pretty.matches() ? pretty : null;
        if (matched != null) {
            Location location = new Location(log.path(matched.group(1)), Integer.valueOf(matched.group(2)),
                    Integer.valueOf(matched.group(3)));
            return finding(log, index, "tsc", location, "TS" + matched.group(5), elaborated(log, index, matched.group(6)),
                    matched.group(4).equals("warning"));
        }
        Matcher bare = BARE.matcher(line);
        if (bare.matches()) {
            return finding(log, index, "tsc", null, "TS" + bare.group(1), bare.group(2), false);
        }
        return null;
    }

    private static Finding nextTypeError(BuildLog log, int index, String message) {
        Location location = null;
        for (int j = index - 1; j >= Math.max(0, index - 3); j--) {
            Matcher at = NEXT_LOCATION.matcher(log.line(j).strip());
            if (at.matches()) {
                location = new Location(log.path(at.group(1)), Integer.valueOf(at.group(2)), Integer.valueOf(at.group(3)));
                break;
            }
        }
        return finding(log, index, "next", location, codeOf(message), message, false);
    }

    private static Finding finding(BuildLog log, int index, String tool, Location location, String code, String message,
            boolean warning) {
        Matcher module = CANNOT_FIND_MODULE.matcher(message);
        Finding.Builder finding;
        if (module.lookingAt() && ("TS2307".equals(code) || "TS2792".equals(code))) {
            String specifier = module.group(1);
            finding = Finding.of(FindingCategory.MODULE_NOT_FOUND, tool, index).subject(ModuleSpecifiers.subject(specifier))
                    .fix(ModuleSpecifiers.fix(specifier));
        } else {
            finding = Finding.of(FindingCategory.TYPE_ERROR, tool, index).subject(code).fix(FixStrategy.FIX_TYPE);
        }
        if (location != null) {
            finding.at(location.file(), location.line(), location.column());
        }
        if (warning) {
            finding.severity(Severity.WARNING);
        }
        return finding.message((code == null ? "" : code + ": ") + message).build();
    }

    /** The message with the indented lines tsc elaborates it with (at most three). */
    private static String elaborated(BuildLog log, int index, String message) {
        StringBuilder text = new StringBuilder(message);
        for (int j = index + 1; j < Math.min(log.size(), index + 4); j++) {
            String next = log.line(j);
            if (!next.startsWith("  ") || next.isBlank()) {
                break;
            }
            text.append('\n').append(next.strip());
        }
        return text.toString();
    }

    private static String codeOf(String message) {
        for (Map.Entry<Pattern, String> entry : CODES_BY_MESSAGE.entrySet()) {
            if (entry.getKey().matcher(message).lookingAt()) {
                return entry.getValue();
            }
        }
        return null;
    }
}
