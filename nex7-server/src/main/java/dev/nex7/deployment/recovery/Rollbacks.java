package dev.nex7.deployment.recovery;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentEvents.RolledBack;
import dev.nex7.deployment.DeploymentId;
import dev.nex7.deployment.Deployments;
import dev.nex7.deployment.NothingToRestore;
import dev.nex7.deployment.local.LocalDeployments;
import dev.nex7.deployment.vercel.VercelRollback;
import dev.nex7.identity.UserId;
import dev.nex7.platform.ApiProblem;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectRole;

/**
 * Rolls a broken deployment back to the last good one: for the local target, the last commit that
 * deployed ready is deployed again; for Vercel, its instant rollback points production back at the
 * last ready production deployment ({@link VercelRollback}). One click for an editor, or automatic
 * when the project's recovery policy says so and no fix passed.
 */
@Service
public class Rollbacks {

    /** The target cannot roll back. */
    static final class CannotRollBack extends ApiProblem {
        CannotRollBack(String target) {
            super(HttpStatus.CONFLICT, "rollback-unsupported", "This deployment cannot be rolled back here",
                    "Deployments of the " + target + " target are rolled back on the target itself.");
        }
    }

    private final Deployments deployments;
    private final LocalDeployments local;
    private final VercelRollback vercel;
    private final ProjectAccess access;
    private final ApplicationEventPublisher events;

    Rollbacks(Deployments deployments, LocalDeployments local, VercelRollback vercel, ProjectAccess access, ApplicationEventPublisher events) {
        this.deployments = deployments;
        this.local = local;
        this.vercel = vercel;
        this.access = access;
        this.events = events;
    }

    /** Rolls back for an editor of the project: the one-click rollback. */
    @Transactional
    public Deployment rollback(DeploymentId id, UserId user) {
        Deployment broken = deployments.get(id, user);
        access.require(broken.projectId(), user, ProjectRole.EDITOR);
        return rollback(broken, user, false);
    }

    /**
     * Brings back the last good deployment before {@code broken}: the new local deployment, or the
     * Vercel deployment production serves again.
     */
    @Transactional
    public Deployment rollback(Deployment broken, UserId user, boolean automatic) {
        if (Deployment.VERCEL.equals(broken.target())) {
            return vercel.rollback(broken, automatic);
        }
        if (!Deployment.LOCAL.equals(broken.target())) {
            throw new CannotRollBack(broken.target());
        }
        Deployment good = deployments.lastReadyBefore(broken).orElseThrow(NothingToRestore::new);
        Deployment restored = local.deploy(broken.projectId(), good.commitSha(), "rollback").orElseThrow(() -> new CannotRollBack("unlinked"));
        events.publishEvent(new RolledBack(broken.projectId(), broken.id(), good.id(), good.commitSha(), automatic));
        return restored;
    }
}
