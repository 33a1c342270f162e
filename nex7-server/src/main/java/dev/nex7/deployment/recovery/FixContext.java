package dev.nex7.deployment.recovery;

import java.util.List;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.Finding;

/**
 * What a fix generator sees: the failed deployment, the findings of its log (the root first) and the
 * checkout of the failed commit, read-only by convention (generators return changes, they do not
 * make them).
 */
public record FixContext(Deployment deployment, List<Finding> findings, ProjectFiles files) {

    /** The root finding, or null when the log gave none. */
    public Finding root() {
        return findings.stream().filter(Finding::root).findFirst().orElse(null);
    }
}
