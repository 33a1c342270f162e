package dev.nex7.deployment;

import java.util.List;

/**
 * What {@link LogAnalysis} made of a log.
 *
 * @param findings the findings, the root one first, the others in log order; never empty (a log
 *        nothing recognises gets one {@code unclassified} finding)
 * @param root the index of the root finding in {@code findings}: always {@code 0}, given for
 *        clients that should not rely on the order
 * @param analyzedBytes how many bytes (UTF-8) of the log were analysed; less than the log's size
 *        when it was longer than {@code nex7.deployment.max-log-size} and only its end was read
 */
public record Analysis(List<Finding> findings, int root, long analyzedBytes) {

    public Analysis {
        findings = List.copyOf(findings);
    }

    /** The root finding. */
    public Finding rootFinding() {
        return findings.get(root);
    }
}
