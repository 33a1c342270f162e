package dev.nex7.deployment.recovery;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.local.LocalDeployments;
import dev.nex7.deployment.local.LocalTargets;
import dev.nex7.deployment.local.LocalTargets.Target;
import dev.nex7.deployment.local.ProjectBuild;
import dev.nex7.deployment.local.TargetEnvironment;
import dev.nex7.deployment.patch.CommitAuthor;
import dev.nex7.deployment.patch.Worktrees;
import dev.nex7.integration.GitHubPullRequests;
import dev.nex7.project.ProjectId;

/**
 * Recovery of the local target: the failed commit is checked out of the target's repository, proven
 * with the target's install and build commands (the project lives at the repository's root), and a
 * proven fix becomes a pull request when the project links GitHub, otherwise a fast-forward commit on
 * the target's branch and a redeploy. Variables a fix sets are stored in the target's environment; a
 * fix that only sets variables deploys the failed commit again.
 */
@Component
class LocalRecoveryTarget implements RecoveryTarget {

    private static final CommitAuthor NEX7 = new CommitAuthor("NEX7", "nex7@nex7.dev");

    private final LocalTargets targets;
    private final LocalDeployments localDeployments;
    private final TargetEnvironment environment;
    private final ProjectBuild build;
    private final Worktrees worktrees;
    private final GitHubPullRequests pullRequests;
    private final FixPullRequests fixPullRequests;
    private final MergedFixes merged;

    LocalRecoveryTarget(LocalTargets targets, LocalDeployments localDeployments, TargetEnvironment environment, ProjectBuild build,
            Worktrees worktrees, GitHubPullRequests pullRequests, FixPullRequests fixPullRequests, MergedFixes merged) {
        this.targets = targets;
        this.localDeployments = localDeployments;
        this.environment = environment;
        this.build = build;
        this.worktrees = worktrees;
        this.pullRequests = pullRequests;
        this.fixPullRequests = fixPullRequests;
        this.merged = merged;
    }

    @Override
    public String target() {
        return Deployment.LOCAL;
    }

    @Override
    public boolean linked(ProjectId project) {
        return targets.find(project).isPresent();
    }

    @Override
    public FailedCommit open(Deployment failed, Path workspace) {
        Target target = targets.find(failed.projectId()).orElseThrow(() -> new CannotRecover("The project no longer has a local target."));
        String repository = LocalTargets.uri(target.repository());
        return new FailedCommit() {
            @Override
            public Path checkout(Path into) {
                return worktrees.checkout(repository, failed.commitSha(), into);
            }

            @Override
            public Path project(Path checkout) {
                return checkout;
            }

            @Override
            public ProjectBuild.Result build(Path project, Map<String, String> variables) {
                return build.run(target, project, variables);
            }

            @Override
            public void deliver(FixProposal fix, UUID attempt, Recovery.Proof proof) {
                if (proof.files().isEmpty() && !proof.variables().isEmpty()) {
                    deliverEnvironment(target, failed, fix, attempt, proof.variables());
                    return;
                }
                proof.variables().forEach((name, value) -> environment.put(failed.projectId(), name, value));
                if (pullRequests.linked(failed.projectId())) {
                    fixPullRequests.open(failed, target.branch(), failed.commitSha(), fix, attempt, proof);
                } else {
                    commit(target, failed, fix, attempt, proof);
                }
            }
        };
    }

    /**
     * Delivers a proven fix that only sets variables: they are stored in the target's environment and
     * the failed commit is deployed again. Nothing is committed, so it is merged as it is delivered.
     */
    private void deliverEnvironment(Target target, Deployment failed, FixProposal fix, UUID attempt, Map<String, String> variables) {
        merged.record(failed, fix, attempt, target.branch(), failed.commitSha(), () -> {
            variables.forEach((name, value) -> environment.put(failed.projectId(), name, value));
            return localDeployments.deploy(failed.projectId(), failed.commitSha(), "fix").map(Deployment::id).orElse(null);
        });
    }

    /** Commits the fix on the target's branch (fast-forward only) and deploys it. */
    private void commit(Target target, Deployment failed, FixProposal fix, UUID attempt, Recovery.Proof proof) {
        String summary = FixPullRequests.summary(fix);
        String sha = worktrees.commit(proof.checkout().root(), "fix: " + summary + "\n\n" + fix.rationale()
                + "\n\nProven by NEX7: the build passes.", NEX7).orElseThrow();
        targets.expectFix(failed.projectId(), sha);
        try {
            worktrees.push(proof.checkout().root(), LocalTargets.uri(target.repository()), target.branch());
        } catch (RuntimeException refused) {
            targets.forgetFix(failed.projectId());
            throw refused;
        }
        merged.record(failed, fix, attempt, target.branch(), sha,
                () -> localDeployments.deployFix(failed.projectId(), sha).map(Deployment::id).orElse(null));
    }
}
