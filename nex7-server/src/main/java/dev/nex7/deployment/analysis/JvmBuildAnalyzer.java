package dev.nex7.deployment.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.LogAnalyzer;
import dev.nex7.deployment.Severity;

/**
 * Maven and Gradle builds: Maven's compiler errors ({@code [ERROR] /path/File.java:[12,5] msg}),
 * javac's own format that Gradle passes through ({@code /path/File.java:12: error: msg}, the
 * column read off the caret line), Kotlin's ({@code e: file:///path/File.kt:12:5 msg}),
 * dependencies the repositories do not have, and the JVM running out of memory. A
 * {@code package x does not exist} is a missing dependency, not a compile error.
 */
@Component
class JvmBuildAnalyzer implements LogAnalyzer {

    private static final Pattern MAVEN = Pattern.compile("^\\[ERROR] (?:file://)?(\\S.*?\\.(?:java|kt|scala|groovy)):\\[(\\d+),(\\d+)] (.+)$");
    private static final Pattern JAVAC = Pattern.compile("^(\\S.*?\\.java):(\\d+): (error|warning): (.+)$");
    private static final Pattern KOTLIN = Pattern.compile("^([ew]): (?:file://)?(\\S.*?\\.kts?):(\\d+):(\\d+) (.+)$");
    private static final Pattern KOTLIN_OLD = Pattern.compile("^([ew]): (\\S.*?\\.kts?): \\((\\d+), (\\d+)\\): (.+)$");
    private static final Pattern SYMBOL = Pattern.compile("^(?:\\[ERROR])?\\s+symbol:\\s+(?:\\w+ )?(\\S+)");
    private static final Pattern MISSING_PACKAGE = Pattern.compile("^package (\\S+) does not exist");
    private static final Pattern UNRESOLVED = Pattern.compile("^Unresolved reference:? '?([\\w.]+)'?");
    private static final Pattern MAVEN_ARTIFACT = Pattern.compile("Could not find artifact (\\S+)");
    /** Maven's answer from its cache of an earlier failed download. */
    private static final Pattern MAVEN_CACHED_ARTIFACT = Pattern.compile(": (\\S+) was not found in \\S+ during a previous attempt");
    private static final Pattern GRADLE_ARTIFACT = Pattern.compile("^\\s*> Could not find ([\\w.-]+:[\\w.-]+:[\\w.-]*[\\w-])\\.?$");
    private static final Pattern OUT_OF_MEMORY = Pattern.compile("java\\.lang\\.OutOfMemoryError: (.+)$");

    @Override
    public List<Finding> analyze(BuildLog log) {
        List<Finding> findings = new ArrayList<>();
        String javacTool = log.lines().stream().anyMatch(line -> line.startsWith("> Task :")) ? "gradle" : "javac";
        for (int i = 0; i < log.size(); i++) {
            String line = log.line(i);
            Matcher match;
            if (line.startsWith("[ERROR] ") && (match = MAVEN.matcher(line)).matches()) {
                findings.add(compileError(log, i, "maven", match.group(1), match.group(2), match.group(3), match.group(4),
                        false));
            } else if (line.contains(".java:") && (match = JAVAC.matcher(line)).matches()) {
                Integer column = caretColumn(log, i);
                findings.add(compileError(log, i, javacTool, match.group(1), match.group(2),
                        column == null ? null : column.toString(), match.group(4), match.group(3).equals("warning")));
            } else if (line.length() > 3 && line.charAt(1) == ':' && ((match = KOTLIN.matcher(line)).matches()
                    || (match = KOTLIN_OLD.matcher(line)).matches())) {
                findings.add(compileError(log, i, "gradle", match.group(2), match.group(3), match.group(4), match.group(5),
                        match.group(1).equals("w")));
            } else if (line.contains("Could not find ") || line.contains("during a previous attempt")) {
                Finding missing = missingArtifact(i, line);
                if (missing != null) {
                    findings.add(missing);
                }
            } else if (line.contains("java.lang.OutOfMemoryError") && (match = OUT_OF_MEMORY.matcher(line)).find()) {
                findings.add(Finding.of(FindingCategory.OUT_OF_MEMORY, "jvm", i)
                        .subject(match.group(1).strip().toLowerCase().replace(' ', '-')).message(line.strip())
                        .fix(FixStrategy.INCREASE_MEMORY).build());
            }
        }
        return findings;
    }

    private static Finding compileError(BuildLog log, int index, String tool, String file, String line, String column,
            String message, boolean warning) {
        String symbol = symbol(log, index);
        Matcher missingPackage = MISSING_PACKAGE.matcher(message);
        Matcher unresolved = UNRESOLVED.matcher(message);
        Finding.Builder finding;
        if (missingPackage.lookingAt()) {
            finding = Finding.of(FindingCategory.MODULE_NOT_FOUND, tool, index).subject(missingPackage.group(1))
                    .fix(FixStrategy.ADD_DEPENDENCY);
        } else {
            finding = Finding.of(FindingCategory.COMPILE_ERROR, tool, index)
                    .subject(symbol != null ? symbol : unresolved.lookingAt() ? unresolved.group(1) : null);
        }
        return finding.at(log.path(file), Integer.valueOf(line), column == null ? null : Integer.valueOf(column))
                .message(symbol == null ? message : message + " (symbol: " + symbol + ")")
                .severity(warning ? Severity.WARNING : Severity.ERROR).build();
    }

    /**
     * The {@code symbol:} javac names under a "cannot find symbol" (right under it in Maven's
     * output, under the source line and caret in javac's), not the next error's.
     */
    private static String symbol(BuildLog log, int index) {
        for (int j = index + 1; j < Math.min(log.size(), index + 5); j++) {
            String line = log.line(j);
            Matcher symbol = SYMBOL.matcher(line);
            if (symbol.lookingAt()) {
                return symbol.group(1);
            }
            if (MAVEN.matcher(line).matches() || JAVAC.matcher(line).matches() || line.startsWith("[INFO]")) {
                return null;
            }
        }
        return null;
    }

    /** javac prints the source line and a caret under the column: the column is the caret's. */
    private static Integer caretColumn(BuildLog log, int index) {
        if (index + 2 >= log.size()) {
            return null;
        }
        String caret = log.line(index + 2);
        int at = caret.indexOf('^');
        return at >= 0 && caret.substring(0, at).isBlank() ? at + 1 : null;
    }

    private static Finding missingArtifact(int index, String line) {
        Matcher maven = MAVEN_ARTIFACT.matcher(line);
        if (maven.find() || (maven = MAVEN_CACHED_ARTIFACT.matcher(line)).find()) {
            return Finding.of(FindingCategory.PACKAGE_NOT_FOUND, "maven", index).at("pom.xml", null, null)
                    .subject(maven.group(1)).message("Could not find artifact " + maven.group(1))
                    .fix(FixStrategy.FIX_PACKAGE_NAME).build();
        }
        Matcher gradle = GRADLE_ARTIFACT.matcher(line);
        if (gradle.matches()) {
            return Finding.of(FindingCategory.PACKAGE_NOT_FOUND, "gradle", index).subject(gradle.group(1))
                    .message("Could not find " + gradle.group(1)).fix(FixStrategy.FIX_PACKAGE_NAME).build();
        }
        return null;
    }
}
