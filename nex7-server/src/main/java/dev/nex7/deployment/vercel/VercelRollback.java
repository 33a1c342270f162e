package dev.nex7.deployment.vercel;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentEvents.RolledBack;
import dev.nex7.deployment.Deployments;
import dev.nex7.deployment.NothingToRestore;
import dev.nex7.integration.VercelApi;
import dev.nex7.integration.VercelApi.VercelUnavailable;
import dev.nex7.platform.ApiProblem;

/**
 * Rolls a broken production deployment of a Vercel project back to the last one that was ready before
 * it, with Vercel's Instant Rollback: Vercel points the production domains at that deployment again,
 * without a rebuild. Nothing new is recorded in the store (Vercel makes no new deployment);
 * {@link RolledBack} tells the rest of NEX7.
 */
@Component
public class VercelRollback {

    /** The deployment is not a production deployment of a Vercel project. */
    public static final class NotRollbackable extends ApiProblem {
        NotRollbackable(Deployment deployment) {
            super(HttpStatus.CONFLICT, "rollback-unsupported", "This deployment cannot be rolled back on Vercel",
                    "Only production deployments of a Vercel project are rolled back on Vercel; this is a " + deployment.environment()
                            + " deployment of the " + deployment.target() + " target.");
        }
    }

    private final Deployments deployments;
    private final VercelApi vercel;
    private final ApplicationEventPublisher events;

    VercelRollback(Deployments deployments, VercelApi vercel, ApplicationEventPublisher events) {
        this.deployments = deployments;
        this.vercel = vercel;
        this.events = events;
    }

    /**
     * Points production back at the last deployment that was ready before {@code broken}, and
     * publishes {@link RolledBack}. The caller checks who may do this.
     *
     * @param automatic whether the project's recovery policy did it (not a person)
     * @return the deployment production serves again
     * @throws NotRollbackable when {@code broken} is not a production deployment of a Vercel project
     * @throws NothingToRestore when none was ready before it
     * @throws VercelUnavailable when Vercel refused the rollback or could not be reached
     */
    @Transactional
    public Deployment rollback(Deployment broken, boolean automatic) {
        if (!Deployment.VERCEL.equals(broken.target()) || !"production".equals(broken.environment())) {
            throw new NotRollbackable(broken);
        }
        Deployment good = deployments.lastReadyBefore(broken).filter(candidate -> candidate.externalId() != null)
                .orElseThrow(NothingToRestore::new);
        vercel.promote(broken.projectId(), good.externalId());
        events.publishEvent(new RolledBack(broken.projectId(), broken.id(), good.id(), good.commitSha(), automatic));
        return good;
    }
}
