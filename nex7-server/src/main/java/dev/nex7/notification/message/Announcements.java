package dev.nex7.notification.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import dev.nex7.deployment.DeploymentEvents.DeploymentFailed;
import dev.nex7.deployment.DeploymentEvents.FixMerged;
import dev.nex7.deployment.DeploymentEvents.FixProposed;
import dev.nex7.deployment.DeploymentEvents.RecoveryFailed;
import dev.nex7.deployment.DeploymentEvents.RolledBack;
import dev.nex7.deployment.DeploymentId;
import dev.nex7.notification.NotificationKind;
import dev.nex7.project.ProjectId;

/**
 * Words for deployment events. Texts from the events (commit messages, root causes, summaries) are
 * cut to a length every channel can carry; they are shown as text everywhere, never as markup.
 */
public final class Announcements {

    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 1000;

    private Announcements() {
    }

    public static Announcement of(DeploymentFailed event, String project) {
        StringBuilder text = new StringBuilder("The deployment of ").append(commit(event.branch(), event.commitSha()));
        if (present(event.commitMessage())) {
            text.append(" (\"").append(firstLine(event.commitMessage())).append("\")");
        }
        text.append(" to ").append(orElse(event.target(), "its target")).append(" failed.");
        if (present(event.rootCause())) {
            text.append(" Root cause: ").append(event.rootCause().strip());
        }
        return announcement(NotificationKind.DEPLOYMENT_FAILED, event.projectId(), project, event.deploymentId(), event,
                "Deployment failed in " + project, text.toString());
    }

    public static Announcement of(FixProposed event, String project) {
        StringBuilder text = new StringBuilder("A fix passed its proof build");
        text.append(" (").append(orElse(event.strategy(), "fix")).append(", confidence ")
                .append(Math.round(event.confidence() * 100)).append("%)");
        if (present(event.summary())) {
            text.append(": ").append(event.summary().strip());
        }
        text.append(present(event.pullRequestUrl()) ? ". Pull request: " + event.pullRequestUrl().strip() : ".");
        return announcement(NotificationKind.FIX_PROPOSED, event.projectId(), project, event.deploymentId(), event,
                "Fix proposed for " + project, text.toString());
    }

    public static Announcement of(FixMerged event, String project) {
        StringBuilder text = new StringBuilder("A proven fix landed");
        if (present(event.summary())) {
            text.append(": ").append(event.summary().strip());
        }
        if (present(event.commitSha())) {
            text.append(" (commit ").append(shortSha(event.commitSha())).append(")");
        }
        return announcement(NotificationKind.FIX_MERGED, event.projectId(), project, event.deploymentId(), event,
                "Fix merged in " + project, text.append('.').toString());
    }

    public static Announcement of(RecoveryFailed event, String project) {
        String text = "No fix for the failed deployment passed its proof after " + event.attempts()
                + (event.attempts() == 1 ? " attempt" : " attempts") + (present(event.reason()) ? ": " + event.reason().strip() : ".");
        return announcement(NotificationKind.RECOVERY_FAILED, event.projectId(), project, event.deploymentId(), event,
                "Recovery failed in " + project, text);
    }

    public static Announcement of(RolledBack event, String project) {
        String text = (event.automatic() ? "NEX7 rolled the broken deployment back" : "The broken deployment was rolled back")
                + " to the last good one" + (present(event.restoredCommitSha()) ? " (commit " + shortSha(event.restoredCommitSha()) + ")" : "")
                + ".";
        return announcement(NotificationKind.ROLLED_BACK, event.projectId(), project, event.deploymentId(), event,
                project + " rolled back", text);
    }

    /** The web app's page of a deployment. */
    public static String linkTo(ProjectId project, DeploymentId deployment) {
        return "/projects/" + project + "/deployments/" + deployment;
    }

    private static Announcement announcement(NotificationKind kind, ProjectId project, String projectName, DeploymentId deployment,
            Record event, String title, String text) {
        return new Announcement(kind, project, projectName, deployment, eventKey(kind, deployment, event), cut(title, MAX_TITLE),
                cut(text, MAX_TEXT), linkTo(project, deployment));
    }

    /**
     * The kind, the deployment and a digest of everything the event says: a republished event (read
     * back from the publication registry, equal to the original) has the same key, while two events
     * of one kind about one deployment (two fixes proposed, say) have different ones.
     */
    static String eventKey(NotificationKind kind, DeploymentId deployment, Record event) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(event.toString().getBytes(StandardCharsets.UTF_8));
            return kind.id() + ":" + deployment + ":" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", missing);
        }
    }

    private static String commit(String branch, String sha) {
        String at = present(sha) ? shortSha(sha) : null;
        if (present(branch)) {
            return at == null ? branch.strip() : branch.strip() + "@" + at;
        }
        return at == null ? "the latest commit" : "commit " + at;
    }

    private static String shortSha(String sha) {
        String stripped = sha.strip();
        return stripped.length() > 7 && stripped.matches("[0-9a-fA-F]+") ? stripped.substring(0, 7).toLowerCase(Locale.ROOT) : stripped;
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int end = stripped.indexOf('\n');
        return end < 0 ? stripped : stripped.substring(0, end).strip();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String orElse(String value, String fallback) {
        return present(value) ? value.strip() : fallback;
    }

    /** At most {@code max} characters, with an ellipsis where cut (never between the halves of a surrogate pair). */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
