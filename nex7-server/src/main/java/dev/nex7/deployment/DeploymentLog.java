package dev.nex7.deployment;

import java.util.List;

/**
 * A deployment's build log and what the analyzers found in it.
 *
 * @param text the log as stored (the builder caps it, keeping its start and its end)
 * @param findings the analysis of a failed deployment's log, the root first; empty otherwise
 */
public record DeploymentLog(DeploymentId deploymentId, String text, List<Finding> findings) {
}
