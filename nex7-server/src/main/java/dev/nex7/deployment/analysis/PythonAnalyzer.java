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

/**
 * Python tracebacks, located at the innermost frame in the project's own code (the last one
 * outside the interpreter's library and installed packages), with the exception's type and
 * message; {@code ModuleNotFoundError} is a missing dependency. Also pip's "No matching
 * distribution" and dependency conflicts.
 */
@Component
class PythonAnalyzer implements LogAnalyzer {

    private static final String TOOL = "python";
    private static final int MAX_TRACEBACK = 400;

    private static final Pattern FRAME = Pattern.compile("^\\s*File \"([^\"]+)\", line (\\d+)");
    private static final Pattern EXCEPTION = Pattern.compile("^([A-Za-z_][\\w.]*(?:Error|Exception|Exit|Interrupt|Warning|Iteration|Found)\\w*)(?:: (.*))?$");
    private static final Pattern NO_MODULE = Pattern.compile("^No module named '([^']+)'");
    private static final Pattern NO_DISTRIBUTION = Pattern.compile("^ERROR: No matching distribution found for (\\S+)");
    private static final Pattern CONFLICT = Pattern.compile("^ERROR: Cannot install (.+?) because these package versions have conflicting dependencies");

    @Override
    public List<Finding> analyze(BuildLog log) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            String line = log.line(i);
            if (line.startsWith("Traceback (most recent call last)")) {
                int end = traceback(log, i, findings);
                i = Math.max(i, end);
            } else if (line.startsWith("ERROR: ")) {
                pip(i, line, findings);
            }
        }
        return findings;
    }

    /** Reads the traceback starting at {@code start}; returns the index of its exception line. */
    private static int traceback(BuildLog log, int start, List<Finding> findings) {
        Location innermost = null;
        Location innermostOwn = null;
        int end = Math.min(log.size(), start + MAX_TRACEBACK);
        for (int j = start + 1; j < end; j++) {
            String line = log.line(j);
            Matcher frame = FRAME.matcher(line);
            if (frame.lookingAt()) {
                Location location = new Location(log.path(frame.group(1)), Integer.valueOf(frame.group(2)), null);
                innermost = location;
                if (own(frame.group(1))) {
                    innermostOwn = location;
                }
                continue;
            }
            if (line.startsWith(" ") || line.startsWith("\t") || line.isEmpty()) {
                continue;
            }
            Matcher exception = EXCEPTION.matcher(line.strip());
            if (exception.matches()) {
                findings.add(exception(j, exception.group(1), exception.group(2),
                        innermostOwn != null ? innermostOwn : innermost));
            }
            return j;
        }
        return start;
    }

    /** Whether a frame's file is the project's, not the interpreter's library or an installed package. */
    private static boolean own(String file) {
        return !file.startsWith("<") && !file.contains("/lib/python") && !file.contains("site-packages")
                && !file.contains("dist-packages") && !file.contains("\\Lib\\");
    }

    private static Finding exception(int index, String type, String message, Location at) {
        String simpleType = type.substring(type.lastIndexOf('.') + 1);
        String text = message == null ? type : type + ": " + message;
        Matcher module = message == null ? null : NO_MODULE.matcher(message);
        Finding.Builder finding;
        if (("ModuleNotFoundError".equals(simpleType) || "ImportError".equals(simpleType)) && module != null
                && module.lookingAt()) {
            String name = module.group(1);
            finding = Finding.of(FindingCategory.MODULE_NOT_FOUND, TOOL, index).subject(name.split("\\.")[0])
                    .fix(FixStrategy.ADD_DEPENDENCY);
        } else {
            finding = Finding.of(FindingCategory.PYTHON_EXCEPTION, TOOL, index).subject(simpleType);
        }
        if (at != null) {
            finding.at(at.file(), at.line(), null);
        }
        return finding.message(text).build();
    }

    private static void pip(int index, String line, List<Finding> findings) {
        Matcher match;
        if ((match = NO_DISTRIBUTION.matcher(line)).lookingAt()) {
            findings.add(Finding.of(FindingCategory.PACKAGE_NOT_FOUND, "pip", index).subject(match.group(1))
                    .message("No matching distribution found for " + match.group(1)).fix(FixStrategy.FIX_PACKAGE_NAME)
                    .build());
        } else if ((match = CONFLICT.matcher(line)).lookingAt()) {
            findings.add(Finding.of(FindingCategory.DEPENDENCY_CONFLICT, "pip", index).subject(match.group(1))
                    .message(line.substring("ERROR: ".length())).fix(FixStrategy.RESOLVE_PEER_CONFLICT).build());
        }
    }
}
