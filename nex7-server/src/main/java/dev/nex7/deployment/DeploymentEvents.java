package dev.nex7.deployment;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.nex7.project.ProjectId;
import dev.nex7.workflow.TriggerEvent;

/**
 * What happens to a project's deployments and their recovery, published in the transaction that
 * stores it. Workflows can start on each (event triggers name the {@link TriggerEvent#type()}); the
 * notification module tells people about failures, proposed and applied fixes and rollbacks. No
 * payload carries a secret: project members see them all.
 */
public final class DeploymentEvents {

    private DeploymentEvents() {
    }

    /** A deployment began building ({@code deployment.started}). {@code target} is {@code local} or {@code vercel}. */
    public record DeploymentStarted(ProjectId projectId, DeploymentId deploymentId, String target, String commitSha,
            String commitMessage, String branch, String trigger) implements TriggerEvent {

        @Override
        public String type() {
            return "deployment.started";
        }

        @Override
        public Map<String, Object> payload() {
            return payloadOf(deploymentId, target, commitSha, commitMessage, branch, "trigger", trigger);
        }
    }

    /** A deployment is live ({@code deployment.succeeded}). */
    public record DeploymentSucceeded(ProjectId projectId, DeploymentId deploymentId, String target, String commitSha,
            String commitMessage, String branch, String url, long durationMillis) implements TriggerEvent {

        @Override
        public String type() {
            return "deployment.succeeded";
        }

        @Override
        public Map<String, Object> payload() {
            Map<String, Object> payload = payloadOf(deploymentId, target, commitSha, commitMessage, branch, "url", url);
            payload.put("durationMillis", durationMillis);
            return payload;
        }
    }

    /**
     * A deployment failed ({@code deployment.failed}); {@code rootCause} is the root finding's message
     * and {@code rootCategory} its category id, both null when the log was not analysed (yet).
     */
    public record DeploymentFailed(ProjectId projectId, DeploymentId deploymentId, String target, String commitSha,
            String commitMessage, String branch, String rootCategory, String rootCause) implements TriggerEvent {

        @Override
        public String type() {
            return "deployment.failed";
        }

        @Override
        public Map<String, Object> payload() {
            Map<String, Object> payload = payloadOf(deploymentId, target, commitSha, commitMessage, branch, "rootCategory", rootCategory);
            payload.put("rootCause", rootCause);
            return payload;
        }
    }

    /**
     * A fix for a failed deployment passed its proof build and was proposed
     * ({@code deployment.fix_proposed}): as a pull request ({@code pullRequestUrl}) on GitHub, or
     * about to be committed to the local target ({@code pullRequestUrl} null).
     */
    public record FixProposed(ProjectId projectId, DeploymentId deploymentId, String strategy, double confidence,
            String summary, String pullRequestUrl) implements TriggerEvent {

        @Override
        public String type() {
            return "deployment.fix_proposed";
        }

        @Override
        public Map<String, Object> payload() {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("deploymentId", deploymentId.toString());
            payload.put("strategy", strategy);
            payload.put("confidence", confidence);
            payload.put("summary", summary);
            payload.put("pullRequestUrl", pullRequestUrl);
            return payload;
        }
    }

    /**
     * A proven fix landed ({@code deployment.fix_merged}): its pull request was merged, or it was
     * committed to the local target's branch as {@code commitSha}.
     */
    public record FixMerged(ProjectId projectId, DeploymentId deploymentId, String strategy, String summary,
            String commitSha) implements TriggerEvent {

        @Override
        public String type() {
            return "deployment.fix_merged";
        }

        @Override
        public Map<String, Object> payload() {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("deploymentId", deploymentId.toString());
            payload.put("strategy", strategy);
            payload.put("summary", summary);
            payload.put("commitSha", commitSha);
            return payload;
        }
    }

    /**
     * No fix for a failed deployment passed its proof ({@code deployment.recovery_failed});
     * {@code reason} says why in one line.
     */
    public record RecoveryFailed(ProjectId projectId, DeploymentId deploymentId, int attempts, String reason) implements TriggerEvent {

        @Override
        public String type() {
            return "deployment.recovery_failed";
        }

        @Override
        public Map<String, Object> payload() {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("deploymentId", deploymentId.toString());
            payload.put("attempts", attempts);
            payload.put("reason", reason);
            return payload;
        }
    }

    /**
     * A broken deployment was rolled back to {@code restoredDeploymentId}, the last good one
     * ({@code deployment.rolled_back}); {@code automatic} when the project's policy did it.
     */
    public record RolledBack(ProjectId projectId, DeploymentId deploymentId, DeploymentId restoredDeploymentId,
            String restoredCommitSha, boolean automatic) implements TriggerEvent {

        @Override
        public String type() {
            return "deployment.rolled_back";
        }

        @Override
        public Map<String, Object> payload() {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("deploymentId", deploymentId.toString());
            payload.put("restoredDeploymentId", restoredDeploymentId.toString());
            payload.put("restoredCommitSha", restoredCommitSha);
            payload.put("automatic", automatic);
            return payload;
        }
    }

    private static Map<String, Object> payloadOf(DeploymentId id, String target, String commitSha, String commitMessage, String branch,
            String extraKey, Object extraValue) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("deploymentId", id.toString());
        payload.put("target", target);
        payload.put("commitSha", commitSha);
        payload.put("commitMessage", commitMessage);
        payload.put("branch", branch);
        payload.put(extraKey, extraValue);
        return payload;
    }
}
