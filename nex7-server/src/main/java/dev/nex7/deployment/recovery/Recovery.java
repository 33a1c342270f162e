package dev.nex7.deployment.recovery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nex7.credential.CredentialKinds;
import dev.nex7.credential.CredentialUnavailable;
import dev.nex7.credential.CredentialVault;
import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentEvents.DeploymentFailed;
import dev.nex7.deployment.DeploymentEvents.FixMerged;
import dev.nex7.deployment.DeploymentEvents.RecoveryFailed;
import dev.nex7.deployment.DeploymentId;
import dev.nex7.deployment.DeploymentLog;
import dev.nex7.deployment.DeploymentStatus;
import dev.nex7.deployment.Deployments;
import dev.nex7.deployment.local.ProjectBuild;
import dev.nex7.deployment.patch.PatchRejected;
import dev.nex7.deployment.patch.UnifiedDiff;
import dev.nex7.deployment.patch.Worktree;
import dev.nex7.deployment.patch.Worktrees;
import dev.nex7.deployment.recovery.FixProposal.Change;
import dev.nex7.deployment.recovery.FixProposal.Command;
import dev.nex7.deployment.recovery.FixProposal.FileEdits;
import dev.nex7.deployment.recovery.FixProposal.NeedsInput;
import dev.nex7.deployment.recovery.FixProposal.OtherVercelEnvironment;
import dev.nex7.deployment.recovery.FixProposal.Patch;
import dev.nex7.deployment.recovery.FixProposal.SetEnvironment;
import dev.nex7.deployment.recovery.FixProposal.VaultCredential;
import dev.nex7.deployment.recovery.RecoveryPolicies.Policy;
import dev.nex7.deployment.recovery.RecoveryTarget.CannotRecover;
import dev.nex7.deployment.recovery.RecoveryTarget.FailedCommit;
import dev.nex7.integration.GitHubEventReceived;
import dev.nex7.platform.ApiProblem;
import dev.nex7.project.ProjectAccess;

/**
 * Recovers a failed deployment: the findings of its log go to the fix generators; each proposal's
 * confidence is calibrated against its strategy's record; those that reach the project's threshold
 * are tried, best first, each in a checkout of its own, and proven by the project's real install and
 * build in the sandbox. The first proven fix is delivered. Every proposal, tried or not, is recorded
 * (the calibration record). When no fix passes, the project is told, and rolled back if it asked for
 * that.
 *
 * A fix that sets an environment variable is proven by a build with the variable set; its value stays
 * out of the attempt, the events and the build output.
 *
 * <p>What differs between deployment targets sits behind {@link RecoveryTarget}: where the failed
 * commit's source comes from (the local target's repository, or GitHub's archive of the commit a
 * Vercel deployment built), which commands prove a fix, and how it is delivered (a pull request when
 * GitHub is linked, which is always for Vercel; otherwise a commit on the local target's branch and a
 * redeploy).
 *
 * <p>The proof time reported for a fix is the time from the failure to the proof, less the time the
 * project's own commands took: what NEX7 itself spent.
 */
@Service
public class Recovery {

    private static final Logger log = LoggerFactory.getLogger(Recovery.class);
    private static final int MAX_OUTPUT_KEPT = 64 * 1024;

    private final Deployments deployments;
    private final Map<String, RecoveryTarget> targets;
    private final ProjectBuild build;
    private final Worktrees worktrees;
    private final List<FixGenerator> generators;
    private final ModelFixGenerator model;
    private final RecoveryPolicies policies;
    private final RecoveryAttempts attempts;
    private final Rollbacks rollbacks;
    private final CredentialVault vault;
    private final ProjectAccess access;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Set<DeploymentId> running = ConcurrentHashMap.newKeySet();

    Recovery(Deployments deployments, List<RecoveryTarget> targets, ProjectBuild build, Worktrees worktrees, List<FixGenerator> generators,
            ModelFixGenerator model, RecoveryPolicies policies, RecoveryAttempts attempts, Rollbacks rollbacks, CredentialVault vault,
            ProjectAccess access,
            ApplicationEventPublisher events, TransactionTemplate transaction) {
        this.deployments = deployments;
        this.targets = targets.stream().collect(Collectors.toUnmodifiableMap(RecoveryTarget::target, Function.identity()));
        this.build = build;
        this.worktrees = worktrees;
        this.generators = generators;
        this.model = model;
        this.policies = policies;
        this.attempts = attempts;
        this.rollbacks = rollbacks;
        this.vault = vault;
        this.access = access;
        this.events = events;
        this.transaction = transaction;
    }

    /** How a recovery ended. */
    public enum Outcome {
        /** A fix passed its proof and was delivered. */
        FIXED,
        /** No fix passed (or none reached the threshold). */
        NOT_FIXED,
        /** Nothing was tried: recovery is off, the deployment did not fail, or it is being recovered already. */
        NOT_TRIED
    }

    /**
     * Heard after the failure is stored, asynchronously and outside any transaction: a recovery builds
     * for minutes and must not hold a database transaction that long (each of its steps has its own).
     * The event publication registry still tracks it, so a recovery cut short by a restart is redone.
     */
    @Async
    @TransactionalEventListener
    void on(DeploymentFailed failed) {
        if (targets.containsKey(failed.target())) {
            recover(failed.deploymentId());
        }
    }

    /** Recovers a failed deployment now (the failure event does this by itself; people retry with it). */
    public Outcome recover(DeploymentId id) {
        Deployment failed = deployments.find(id).orElse(null);
        if (failed == null) {
            return Outcome.NOT_TRIED; // deleted with its project since it failed
        }
        Policy policy = policies.of(failed.projectId());
        RecoveryTarget target = targets.get(failed.target());
        // a failed rollback redeployed a commit that deployed before: the code is not what broke, and recovering
        // (or rolling back again) could go round in circles
        if (!policy.enabled() || failed.status() != DeploymentStatus.ERROR || target == null || !target.linked(failed.projectId())
                || failed.commitSha() == null || "rollback".equals(failed.trigger()) || !running.add(id)) {
            return Outcome.NOT_TRIED;
        }
        try {
            return recover(failed, target, policy);
        } finally {
            running.remove(id);
        }
    }

    private Outcome recover(Deployment failed, RecoveryTarget target, Policy policy) {
        long began = System.nanoTime(); // the failure event is heard right after it is stored
        DeploymentLog buildLog = deployments.log(failed.id());
        Path base = build.root().resolve("recovery").resolve(failed.id().toString());
        Duration projectTime = Duration.ZERO;
        int tried = 0;
        String lastFailure = "no fix generator had a proposal for the findings";
        boolean couldRun = true;
        try {
            FailedCommit commit = target.open(failed, base);
            Worktree original = new Worktree(commit.project(commit.checkout(base.resolve("original"))));
            FixContext context = new FixContext(failed, buildLog.findings(), new CheckoutFiles(original));
            for (Proposal proposal : proposals(context, policy)) {
                if (proposal.fix().needsInput()) {
                    attempts.start(failed.id(), failed.projectId(), proposal.fix(), RecoveryAttempts.NEEDS_INPUT);
                    continue;
                }
                if (proposal.calibrated() < policy.threshold() || tried >= policy.maxAttempts()) {
                    attempts.start(failed.id(), failed.projectId(), proposal.fix(), RecoveryAttempts.SKIPPED);
                    continue;
                }
                tried++;
                UUID attempt = attempts.start(failed.id(), failed.projectId(), proposal.fix(), RecoveryAttempts.PROVING);
                Proof proof = prove(failed, commit, proposal.fix(), base.resolve("attempt-" + attempt));
                projectTime = projectTime.plus(proof.projectTime());
                long proofMillis = Math.max(0, Duration.ofNanos(System.nanoTime() - began).minus(projectTime).toMillis());
                attempts.proved(attempt, proof.status(), proof.diff(), cap(proof.output()), proof.projectTime().toMillis(), proofMillis,
                        proof.detail());
                if (RecoveryAttempts.PROVEN.equals(proof.status())) {
                    commit.deliver(proposal.fix(), attempt, proof);
                    return Outcome.FIXED;
                }
                lastFailure = proposal.fix().strategy() + ": " + proof.detail();
            }
        } catch (CannotRecover cannot) {
            log.info("Deployment {} cannot be recovered: {}", failed.id(), cannot.getMessage());
            couldRun = false;
            lastFailure = cannot.getMessage();
        } catch (RuntimeException failure) {
            log.error("Recovering deployment {} failed", failed.id(), failure);
            couldRun = false;
            lastFailure = "NEX7 could not recover it: " + failure.getMessage();
        } finally {
            build.delete(base);
        }
        String reason = tried == 0 && couldRun ? "no fix reached the confidence threshold " + policy.threshold()
                + " (" + lastFailure + ")" : lastFailure;
        int triedCount = tried;
        transaction.executeWithoutResult(status -> events.publishEvent(new RecoveryFailed(failed.projectId(), failed.id(), triedCount,
                reason)));
        if (policy.autoRollback()) {
            try {
                rollbacks.rollback(failed, null, true);
            } catch (ApiProblem nothingToRestore) {
                log.info("Deployment {} was not rolled back: {}", failed.id(), nothingToRestore.getMessage());
            }
        }
        return Outcome.NOT_FIXED;
    }

    private record Proposal(FixProposal fix, double calibrated) {
    }

    /** Every generator's proposals, calibrated and best first; the Debugger is asked when no rule is confident enough. */
    private List<Proposal> proposals(FixContext context, Policy policy) {
        List<Proposal> proposals = new ArrayList<>();
        for (FixGenerator generator : generators) {
            try {
                generator.propose(context).forEach(fix -> proposals.add(new Proposal(fix, attempts.calibrated(fix.strategy(), fix.confidence()))));
            } catch (RuntimeException failure) {
                log.warn("Fix generator {} failed on deployment {}", generator.getClass().getSimpleName(), context.deployment().id(), failure);
            }
        }
        boolean confidentRule = proposals.stream().anyMatch(proposal -> !proposal.fix().needsInput() && proposal.calibrated() >= policy.threshold());
        if (policy.modelFixes() && !confidentRule && ModelFixGenerator.wanted(context)) {
            access.firstOwner(context.deployment().projectId()).flatMap(owner -> model.propose(context, owner))
                    .ifPresent(fix -> proposals.add(new Proposal(fix, attempts.calibrated(fix.strategy(), fix.confidence()))));
        }
        proposals.sort(Comparator.comparingDouble(Proposal::calibrated).reversed());
        return proposals;
    }

    /**
     * How a fix's proof went; {@code checkout} is the project's folder the fix was applied to, {@code files} what it changed,
     * {@code variables} the environment variables it sets with their values: for delivery only, never stored or shown.
     */
    record Proof(String status, String diff, String output, Duration projectTime, String detail, Worktree checkout,
            Map<String, String> files, Map<String, String> variables) {

        Proof(String status, String diff, String output, Duration projectTime, String detail, Worktree checkout, Map<String, String> files) {
            this(status, diff, output, projectTime, detail, checkout, files, Map.of());
        }
    }

    /** Applies the fix to a checkout of its own and builds it. */
    private Proof prove(Deployment failed, FailedCommit commit, FixProposal fix, Path directory) {
        Path repository = commit.checkout(directory);
        Worktree checkout = new Worktree(commit.project(repository));
        StringBuilder output = new StringBuilder();
        Duration commands = Duration.ZERO;
        Map<String, String> variables = new LinkedHashMap<>();
        try {
            for (Change change : fix.changes()) {
                switch (change) {
                    case FileEdits edits -> edits.files().forEach(checkout::write);
                    case Patch patch -> UnifiedDiff.apply(checkout, UnifiedDiff.parse(patch.diff()), patch.allowedFiles());
                    case Command command -> {
                        ProjectBuild.Result run = build.command(checkout.root(), command.command());
                        commands = commands.plus(run.buildTime());
                        output.append(run.log());
                        if (!run.succeeded()) {
                            return new Proof(RecoveryAttempts.FAILED, null, output.toString(), commands,
                                    "the fix's own command failed: " + run.message(), checkout, Map.of());
                        }
                    }
                    case SetEnvironment set -> variables.put(set.name(), value(failed, set));
                    case NeedsInput input -> throw new IllegalStateException("a fix that needs input is not tried");
                }
            }
        } catch (PatchRejected rejected) {
            return new Proof(RecoveryAttempts.REJECTED, null, "", commands, "the patch was rejected (" + rejected.code() + "): "
                    + rejected.getMessage(), checkout, Map.of());
        } catch (ValueUnavailable unavailable) {
            return new Proof(RecoveryAttempts.REJECTED, null, "", commands, unavailable.getMessage(), checkout, Map.of());
        }
        String diff = worktrees.diff(repository);
        if (diff.isBlank() && variables.isEmpty()) {
            return new Proof(RecoveryAttempts.FAILED, diff, output.toString(), commands, "the fix changed nothing", checkout, Map.of());
        }
        ProjectBuild.Result proof = commit.build(checkout.root(), variables);
        output.append(proof.log());
        Duration projectTime = commands.plus(proof.buildTime());
        if (!proof.succeeded()) {
            return new Proof(RecoveryAttempts.FAILED, diff, output.toString(), projectTime, "the build still fails with the fix", checkout,
                    Map.of());
        }
        String detail = variables.isEmpty() ? "the build passes with the fix"
                : "the build passes with " + String.join(", ", variables.keySet()) + " set";
        return new Proof(RecoveryAttempts.PROVEN, diff, output.toString(), projectTime, detail, checkout,
                worktrees.changedFiles(repository), Map.copyOf(variables));
    }

    /** A variable's value cannot be had for a proof; the message says why, never with the value. */
    private static final class ValueUnavailable extends RuntimeException {
        ValueUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** The value a fix sets a variable to, from where the fix says it is. */
    private String value(Deployment failed, SetEnvironment set) {
        return switch (set.source()) {
            case VaultCredential credential -> {
                try {
                    String value = vault.open(failed.projectId(), credential.credential(), List.of(CredentialKinds.ENVIRONMENT_VARIABLE))
                            .fields().get("value");
                    if (value == null) {
                        throw new ValueUnavailable("the credential \"" + credential.credentialName() + "\" has no value");
                    }
                    yield value;
                } catch (CredentialUnavailable gone) {
                    throw new ValueUnavailable("the value of " + set.name() + " cannot be read: " + gone.getMessage());
                }
            }
            case OtherVercelEnvironment other -> throw new ValueUnavailable("NEX7 does not copy " + set.name()
                    + " from another Vercel environment by itself: a person checks the value and sets it");
        };
    }

    /** A merged NEX7 pull request is a merged fix. */
    @Async
    @TransactionalEventListener
    void on(GitHubEventReceived received) {
        if (!"pull_request".equals(received.event()) || !received.merged() || received.pullRequestNumber() == null) {
            return;
        }
        attempts.merged(received.projectId(), received.pullRequestNumber()).ifPresent(attempt -> transaction.executeWithoutResult(status ->
                events.publishEvent(new FixMerged(attempt.projectId(), attempt.deploymentId(), attempt.strategy(), attempt.rationale(),
                        received.headSha()))));
    }

    private static String cap(String output) {
        return output.length() <= MAX_OUTPUT_KEPT ? output : "…\n" + output.substring(output.length() - MAX_OUTPUT_KEPT);
    }
}
