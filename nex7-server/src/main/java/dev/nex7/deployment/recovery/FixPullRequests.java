package dev.nex7.deployment.recovery;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentEvents.FixProposed;
import dev.nex7.deployment.Finding;
import dev.nex7.integration.GitHubPullRequests;
import dev.nex7.integration.GitHubPullRequests.PullRequest;

/**
 * Delivers a proven fix as a pull request on the project's linked GitHub repository: a branch
 * {@code nex7/fix-…} on top of the failed commit, into the branch that failed, with the finding, the
 * diff, the build proof and the confidence in its description. Every target delivers this way when
 * GitHub is linked.
 */
@Component
class FixPullRequests {

    private static final int PROOF_TAIL = 4_000;

    private final GitHubPullRequests pullRequests;
    private final RecoveryAttempts attempts;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    FixPullRequests(GitHubPullRequests pullRequests, RecoveryAttempts attempts, ApplicationEventPublisher events,
            TransactionTemplate transaction) {
        this.pullRequests = pullRequests;
        this.attempts = attempts;
        this.events = events;
        this.transaction = transaction;
    }

    /**
     * Opens the pull request into {@code base} and records it on the attempt ({@link FixProposed}).
     *
     * @param parentSha the failed commit's full id on GitHub: the fix's commit goes on top of it
     */
    void open(Deployment failed, String base, String parentSha, FixProposal fix, UUID attempt, Recovery.Proof proof) {
        String summary = summary(fix);
        String branch = "nex7/fix-" + failed.id().toString().substring(0, 8) + "-" + fix.strategy();
        PullRequest pull = pullRequests.open(failed.projectId(), base, parentSha, branch, proof.files(),
                "fix: " + summary, "NEX7: " + summary, description(failed, fix, proof));
        transaction.executeWithoutResult(status -> {
            attempts.delivered(attempt, branch, pull.commitSha(), pull.url(), pull.number(), false, null);
            events.publishEvent(new FixProposed(failed.projectId(), failed.id(), fix.strategy(), fix.confidence(), summary, pull.url()));
        });
    }

    /** A fix in a few words: its strategy and what it fixes ({@code add dependency (tiny-pad in src/index.ts)}). */
    static String summary(FixProposal fix) {
        Finding finding = fix.finding();
        String what = finding == null ? "" : " (" + (finding.subject() == null ? finding.category().id() : finding.subject())
                + (finding.file() == null ? "" : " in " + finding.file()) + ")";
        return fix.strategy().replace('-', ' ') + what;
    }

    private static String description(Deployment failed, FixProposal fix, Recovery.Proof proof) {
        Finding finding = fix.finding();
        String output = proof.output();
        String tail = output.length() > PROOF_TAIL ? "…\n" + output.substring(output.length() - PROOF_TAIL) : output;
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Failed deployment", failed.id() + " (commit " + failed.commitSha() + ")");
        facts.put("Finding", finding == null ? "—" : finding.category().id() + ": " + finding.message().lines().findFirst().orElse("")
                + (finding.file() == null ? "" : " at " + finding.file() + (finding.line() == null ? "" : ":" + finding.line())));
        facts.put("Strategy", fix.strategy() + " (" + fix.source() + ")");
        facts.put("Confidence", String.format(Locale.ROOT, "%.2f", fix.confidence()));
        StringBuilder body = new StringBuilder("NEX7 found why the deployment failed and proved this fix with the project's own build.\n\n");
        facts.forEach((name, value) -> body.append("- **").append(name).append("**: ").append(value).append('\n'));
        body.append("\n").append(fix.rationale()).append("\n\n### Diff\n\n```diff\n").append(proof.diff()).append("```\n\n")
                .append("### Build proof\n\n```\n").append(tail).append(tail.endsWith("\n") ? "" : "\n").append("```\n");
        return body.toString();
    }
}
