package dev.nex7.deployment.recovery;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.local.ProjectBuild;
import dev.nex7.project.ProjectId;

/**
 * What recovering a failed deployment depends on its target for: where the failed commit's source
 * comes from, which commands prove a fix, and how a proven fix is delivered. Everything else
 * (findings, proposals, calibration, proofs, attempts, rollback) is {@link Recovery}'s, the same for
 * every target.
 */
interface RecoveryTarget {

    /** The deployment target this recovers ({@link Deployment#LOCAL}, {@link Deployment#VERCEL}). */
    String target();

    /** Whether the project still has this target: deployments of a target the project unlinked are not recovered. */
    boolean linked(ProjectId project);

    /**
     * Makes the failed commit ready to be checked out, fetching its source into {@code workspace}
     * (an empty directory of its own, deleted after the recovery) when it is not on this machine.
     *
     * @throws CannotRecover when this project's failures cannot be recovered; the reason is told to the project
     */
    FailedCommit open(Deployment failed, Path workspace);

    /** A failed deployment's commit, ready to be checked out, built and fixed. */
    interface FailedCommit {

        /** A fresh checkout of the failed commit into {@code into}; the repository's root. */
        Path checkout(Path into);

        /** The folder of a checkout the project lives in: where fixes apply and its commands run. */
        Path project(Path checkout);

        /**
         * Runs the project's install and build commands in its folder ({@link #project}), in the sandbox,
         * with {@code variables} set (a fix's, on top of the target's own).
         */
        ProjectBuild.Result build(Path project, Map<String, String> variables);

        /**
         * Delivers a fix that passed its proof (made in {@code proof.checkout()}), recording how on the
         * attempt: its changed files as the target takes changes, its variables (if any) set on the
         * target. A fix that only sets variables deploys the failed commit again.
         */
        void deliver(FixProposal fix, UUID attempt, Recovery.Proof proof);
    }

    /** Recovery cannot run for this project; the message says why, in a sentence a person can act on. */
    final class CannotRecover extends RuntimeException {
        CannotRecover(String reason) {
            super(reason);
        }
    }
}
