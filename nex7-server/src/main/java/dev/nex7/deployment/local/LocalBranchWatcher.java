package dev.nex7.deployment.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.nex7.deployment.DeploymentSettings;
import dev.nex7.deployment.local.LocalTargets.Check;
import dev.nex7.deployment.local.LocalTargets.Target;
import dev.nex7.platform.PeriodicTask;

/**
 * Watches the branch of every local target that asks for it and queues a deployment when its head
 * moves (a repository on this machine has no webhook). The first look at a newly linked target
 * deploys its head. Moving the stored head is a compare-and-set, so several instances deploy a
 * commit once.
 */
@Component
class LocalBranchWatcher extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(LocalBranchWatcher.class);

    private final LocalTargets targets;
    private final LocalDeployments deployments;

    LocalBranchWatcher(LocalTargets targets, LocalDeployments deployments, DeploymentSettings settings) {
        super("nex7-local-branch-watcher", settings.local().pollInterval());
        this.targets = targets;
        this.deployments = deployments;
    }

    /** Looks at every watched branch once. */
    void look() {
        for (Target target : targets.watched()) {
            try {
                Check head = targets.head(target.repository(), target.branch());
                if (!head.headSha().equals(target.lastSeenSha())) {
                    deployments.headMoved(target, head.headSha(), head.headMessage());
                }
            } catch (RuntimeException unreadable) {
                log.warn("Could not read branch {} of the local target of project {}: {}", target.branch(), target.projectId(),
                        unreadable.getMessage());
            }
        }
    }

    @Override
    protected void runPeriodically() {
        look();
    }
}
