package dev.nex7.deployment.analysis;

import java.util.ArrayList;
import java.util.List;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.LogAnalyzer;

/**
 * An analyzer that reads a log a line at a time: any line may start a finding, which may look at
 * the lines around it for its place and details.
 */
abstract class LineAnalyzer implements LogAnalyzer {

    @Override
    public List<Finding> analyze(BuildLog log) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            Finding finding = read(log, i, log.line(i));
            if (finding != null) {
                findings.add(finding);
            }
        }
        return findings;
    }

    /** The finding that starts at the 0-based {@code index}, whose text is {@code line}; or {@code null}. */
    abstract Finding read(BuildLog log, int index, String line);
}
