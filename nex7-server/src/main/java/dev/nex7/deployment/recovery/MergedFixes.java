package dev.nex7.deployment.recovery;

import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentEvents.FixMerged;
import dev.nex7.deployment.DeploymentEvents.FixProposed;
import dev.nex7.deployment.DeploymentId;

/**
 * Records a proven fix that took effect as it was delivered (a commit on the local target's branch,
 * or variables set on the target), with no pull request to wait for: the attempt is delivered and
 * merged, and {@link FixProposed} and {@link FixMerged} are published, in one transaction together
 * with the redeploy that carries the fix.
 */
@Component
class MergedFixes {

    private final RecoveryAttempts attempts;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    MergedFixes(RecoveryAttempts attempts, ApplicationEventPublisher events, TransactionTemplate transaction) {
        this.attempts = attempts;
        this.events = events;
        this.transaction = transaction;
    }

    /**
     * @param branch the branch the fix is on; {@code commitSha} the commit that carries it
     * @param redeploy starts the deployment of the fix, in the transaction (null when the target deploys it itself)
     */
    void record(Deployment failed, FixProposal fix, UUID attempt, String branch, String commitSha, Supplier<DeploymentId> redeploy) {
        String summary = FixPullRequests.summary(fix);
        transaction.executeWithoutResult(status -> {
            attempts.delivered(attempt, branch, commitSha, null, null, true, redeploy.get());
            events.publishEvent(new FixProposed(failed.projectId(), failed.id(), fix.strategy(), fix.confidence(), summary, null));
            events.publishEvent(new FixMerged(failed.projectId(), failed.id(), fix.strategy(), summary, commitSha));
        });
    }
}
