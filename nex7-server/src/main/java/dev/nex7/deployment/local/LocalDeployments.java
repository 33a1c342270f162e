package dev.nex7.deployment.local;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentStatus;
import dev.nex7.deployment.Deployments;
import dev.nex7.deployment.NewDeployment;
import dev.nex7.deployment.local.LocalTargets.Check;
import dev.nex7.deployment.local.LocalTargets.Target;
import dev.nex7.identity.UserId;
import dev.nex7.integration.GitHubEventReceived;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;

/**
 * Queues deployments of a project's local target: asked for by a person (any commit, the branch
 * head by default), by a push to the watched branch (seen by {@link LocalBranchWatcher} or announced
 * by GitHub), by a proven fix or by a rollback. A queued deployment is a row; {@link LocalBuilder}
 * claims and builds it, so nothing queued is lost to a restart.
 */
@Service
public class LocalDeployments {

    private static final Logger log = LoggerFactory.getLogger(LocalDeployments.class);

    private final LocalTargets targets;
    private final Deployments deployments;
    private final ProjectAccess access;
    private final JdbcClient jdbc;
    private final LocalBuilder builder;

    LocalDeployments(LocalTargets targets, Deployments deployments, ProjectAccess access, JdbcClient jdbc, LocalBuilder builder) {
        this.targets = targets;
        this.deployments = deployments;
        this.access = access;
        this.jdbc = jdbc;
        this.builder = builder;
    }

    /** Queues a deployment of {@code commitSha} (null: the branch head) for an editor of the project. */
    @Transactional
    public Deployment deploy(ProjectId project, UserId user, String commitSha) {
        access.require(project, user, ProjectRole.EDITOR);
        Target target = targets.find(project).orElseThrow(LocalTargets.NotLinked::new);
        if (commitSha == null || commitSha.isBlank()) {
            Check head = targets.head(target.repository(), target.branch());
            return enqueue(target, head.headSha(), head.headMessage(), "manual", user);
        }
        if (!commitSha.matches("[0-9a-f]{40}")) {
            throw new dev.nex7.platform.InvalidRequest("commitSha", "must be a full 40-character commit id");
        }
        String message = GitCommits.message(LocalTargets.uri(target.repository()), commitSha)
                .orElseThrow(() -> new LocalTargets.Unreadable("The repository has no commit " + commitSha + "."));
        return enqueue(target, commitSha, message, "manual", user);
    }

    /**
     * Queues a deployment of {@code commitSha} of the project's local target for NEX7's own reasons
     * ({@code trigger}: {@code push}, {@code fix}, {@code rollback}); empty when the project has no local target.
     */
    @Transactional
    public Optional<Deployment> deploy(ProjectId project, String commitSha, String trigger) {
        return targets.find(project).map(target -> enqueue(target, commitSha,
                GitCommits.message(LocalTargets.uri(target.repository()), commitSha).orElse(null), trigger, null));
    }

    /**
     * Queues the deployment of a fix NEX7 just committed to the target's branch, and marks the commit
     * seen so the branch watcher does not deploy it a second time.
     */
    @Transactional
    public Optional<Deployment> deployFix(ProjectId project, String commitSha) {
        return targets.find(project).map(target -> {
            targets.settleFix(project, commitSha);
            return enqueue(target, commitSha, GitCommits.message(LocalTargets.uri(target.repository()), commitSha).orElse(null), "fix", null);
        });
    }

    private Deployment enqueue(Target target, String sha, String message, String trigger, UserId user) {
        Deployment queued = deployments.record(new NewDeployment(target.projectId(), Deployment.LOCAL, null, trigger, "production", sha,
                message, target.branch(), user), DeploymentStatus.QUEUED);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    builder.wake();
                }
            });
        } else {
            builder.wake();
        }
        return queued;
    }

    /**
     * A push to a linked GitHub repository deploys its head when the project builds that branch on its
     * local target, in the transaction that stored the delivery (so a delivery deploys once). The
     * watcher then knows the commit and does not deploy it again.
     */
    @EventListener
    void on(GitHubEventReceived received) {
        if (!"push".equals(received.event()) || received.headSha() == null || received.ref() == null
                || received.headSha().matches("0{40}")) {
            return; // not a push, or a deleted branch
        }
        Optional<Target> target = targets.find(received.projectId());
        if (target.isEmpty() || !received.ref().equals("refs/heads/" + target.get().branch())) {
            return;
        }
        if (targets.advance(received.projectId(), target.get().lastSeenSha(), received.headSha())) {
            enqueue(target.get(), received.headSha(), null, "push", null);
        } else {
            log.debug("Push {} to project {} was already seen", received.headSha(), received.projectId());
        }
    }

    /** Whether a deployment of this commit is queued or building already (a watcher's double check). */
    boolean pending(ProjectId project, String sha) {
        return jdbc.sql("""
                SELECT count(*) FROM deployments
                 WHERE project_id = :project AND target = 'local' AND commit_sha = :sha AND status IN ('queued', 'building')
                """).param("project", project.value()).param("sha", sha).query(Integer.class).single() > 0;
    }

    /** Queues the new head the watcher saw, if this instance is the one that moved the target's last seen commit. */
    @Transactional
    void headMoved(Target target, String sha, String message) {
        if (sha.equals(target.fixSha())) {
            return; // NEX7's own fix, which the recovery deploys itself
        }
        if (targets.advance(target.projectId(), target.lastSeenSha(), sha) && !pending(target.projectId(), sha)) {
            enqueue(target, sha, message, "push", null);
        }
    }
}
