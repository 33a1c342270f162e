package dev.nex7.deployment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns a raw build or runtime log into typed findings with one root cause. Every
 * {@link LogAnalyzer} bean reads the log; their findings are merged (one per log line, the most
 * explanatory kept), the root is chosen, and a log nothing recognises gets one
 * {@code unclassified} finding quoting its likeliest error lines. Any text is accepted: an
 * analyzer that fails is logged and skipped, never passed on to the caller.
 */
@Service
public class LogAnalysis {

    private static final Logger log = LoggerFactory.getLogger(LogAnalysis.class);

    /** Root choice: errors before warnings, then lower tiers, then what the log showed first. */
    private static final Comparator<Finding> ROOT_ORDER = Comparator
            .comparing((Finding finding) -> finding.severity() == Severity.WARNING)
            .thenComparingInt(finding -> finding.category().tier())
            .thenComparingInt(Finding::logLine);

    private final List<LogAnalyzer> analyzers;
    private final DeploymentSettings settings;

    public LogAnalysis(List<LogAnalyzer> analyzers, DeploymentSettings settings) {
        this.analyzers = List.copyOf(analyzers);
        this.settings = settings;
    }

    /** Analyses {@code text}; paths are made relative by what the log itself shows. */
    public Analysis analyze(String text) {
        return analyze(text, List.of());
    }

    /**
     * Analyses {@code text} from a build that ran in one of {@code projectRoots} (absolute
     * directories): paths under them are reported relative to them.
     */
    public Analysis analyze(String text, Collection<String> projectRoots) {
        Objects.requireNonNull(text, "text");
        LogTail tail = LogTail.of(text, settings.maxLogSize().toBytes());
        BuildLog buildLog = BuildLog.of(tail.text(), projectRoots);
        List<Finding> findings = merge(run(buildLog));
        if (findings.stream().noneMatch(finding -> finding.severity() == Severity.ERROR)) {
            // Warnings do not fail a build: if the log shows error lines nothing recognised, they
            // are the better guess at the cause.
            UnclassifiedLines.errors(buildLog).ifPresent(findings::add);
        }
        if (findings.isEmpty()) {
            findings.add(UnclassifiedLines.last(buildLog));
        }
        Finding root = findings.stream().min(ROOT_ORDER).orElseThrow();
        List<Finding> ordered = new ArrayList<>();
        ordered.add(shift(root.asRoot(), tail.skippedLines()));
        for (Finding finding : findings) {
            if (ordered.size() >= settings.maxFindings()) {
                break;
            }
            if (finding != root) {
                ordered.add(shift(finding, tail.skippedLines()));
            }
        }
        return new Analysis(ordered, 0, buildLog.bytes());
    }

    private List<Finding> run(BuildLog buildLog) {
        List<Finding> found = new ArrayList<>();
        for (LogAnalyzer analyzer : analyzers) {
            try {
                found.addAll(analyzer.analyze(buildLog));
            } catch (RuntimeException failure) {
                log.warn("{} failed on a log of {} lines; its findings are left out",
                        analyzer.getClass().getSimpleName(), buildLog.size(), failure);
            }
        }
        return found;
    }

    /**
     * One finding per log line (the most explanatory, then the first analyzer's), and one of
     * each repeated report (tools print some errors twice), in log order.
     */
    private static List<Finding> merge(List<Finding> found) {
        Map<Integer, Finding> byLine = new LinkedHashMap<>();
        for (Finding finding : found) {
            byLine.merge(finding.logLine(), finding,
                    (kept, other) -> other.category().tier() < kept.category().tier() ? other : kept);
        }
        List<Finding> merged = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        byLine.values().stream().sorted(Comparator.comparingInt(Finding::logLine)).forEach(finding -> {
            if (seen.add(List.of(finding.category(), String.valueOf(finding.subject()), String.valueOf(finding.file()),
                    String.valueOf(finding.line()), String.valueOf(finding.column()), finding.message()))) {
                merged.add(finding);
            }
        });
        return merged;
    }

    private static Finding shift(Finding finding, int lines) {
        if (lines == 0) {
            return finding;
        }
        return new Finding(finding.category(), finding.tool(), finding.file(), finding.line(), finding.column(),
                finding.subject(), finding.message(), finding.root(), finding.fixStrategy(), finding.severity(),
                finding.logLine() + lines);
    }
}
