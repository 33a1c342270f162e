package dev.nex7.deployment;

import java.util.List;

/**
 * Reads one tool family's failures out of a build log. Implementations are Spring beans that
 * {@link LogAnalysis} collects; each reads the whole log and reports what it recognises, in any
 * order, without deciding the root (that takes every analyzer's findings). An analyzer must not
 * throw on text it does not understand, must stay linear in the size of the log (precompiled
 * patterns without nested repetition, cheap {@code contains} checks before them) and may report
 * the same failure other analyzers report: {@link LogAnalysis} keeps one finding per log line.
 */
public interface LogAnalyzer {

    /** What this analyzer found in {@code log}; empty when it recognises nothing. */
    List<Finding> analyze(BuildLog log);
}
