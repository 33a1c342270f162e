package dev.nex7.notification.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.nex7.deployment.DeploymentEvents.DeploymentFailed;
import dev.nex7.deployment.DeploymentEvents.FixProposed;
import dev.nex7.deployment.DeploymentEvents.RolledBack;
import dev.nex7.deployment.DeploymentId;
import dev.nex7.notification.NotificationKind;
import dev.nex7.project.ProjectId;

class AnnouncementsTests {

    private final ProjectId project = ProjectId.random();
    private final DeploymentId deployment = DeploymentId.random();

    @Test
    void theSameEventHasTheSameKeyAndTwoFixesOfOneDeploymentHaveTwo() {
        FixProposed first = new FixProposed(project, deployment, "add-dependency", 0.9, "Add left-pad", null);
        FixProposed copy = new FixProposed(project, deployment, "add-dependency", 0.9, "Add left-pad", null);
        FixProposed second = new FixProposed(project, deployment, "regenerate-lockfile", 0.85, "Regenerate the lockfile", null);

        assertThat(Announcements.of(first, "Shop").eventKey()).isEqualTo(Announcements.of(copy, "Shop").eventKey())
                .startsWith("fix_proposed:" + deployment + ":");
        assertThat(Announcements.of(first, "Shop").eventKey()).isNotEqualTo(Announcements.of(second, "Shop").eventKey());
    }

    @Test
    void aFailureNamesTheBranchShortShaFirstLineOfTheMessageAndTheRootCause() {
        Announcement failed = Announcements.of(new DeploymentFailed(project, deployment, "vercel", "ABCDEF1234567890", "Fix it\n\nbody",
                "main", "type-error", "Type 'string' is not assignable to type 'number'."), "Shop");

        assertThat(failed.kind()).isEqualTo(NotificationKind.DEPLOYMENT_FAILED);
        assertThat(failed.title()).isEqualTo("Deployment failed in Shop");
        assertThat(failed.text()).isEqualTo("The deployment of main@abcdef1 (\"Fix it\") to vercel failed. "
                + "Root cause: Type 'string' is not assignable to type 'number'.");
        assertThat(failed.link()).isEqualTo("/projects/" + project + "/deployments/" + deployment);
    }

    @Test
    void eventsWithoutTheOptionalPartsStillReadWell() {
        Announcement failed = Announcements.of(new DeploymentFailed(project, deployment, null, null, null, null, null, null), "Shop");
        Announcement rolledBack = Announcements.of(new RolledBack(project, deployment, DeploymentId.random(), null, false), "Shop");

        assertThat(failed.text()).isEqualTo("The deployment of the latest commit to its target failed.");
        assertThat(rolledBack.text()).isEqualTo("The broken deployment was rolled back to the last good one.");
    }

    @Test
    void longTextsAreCutWithAnEllipsisNeverInsideASurrogatePair() {
        String rootCause = "x".repeat(5000);
        Announcement failed = Announcements.of(new DeploymentFailed(project, deployment, "local", null, null, null, null, rootCause), "Shop");

        assertThat(failed.text()).hasSize(Announcements.MAX_TEXT).endsWith("…");
        assertThat(Announcements.cut("ab😀cd", 4)).isEqualTo("ab…");
        assertThat(Announcements.cut("short", 10)).isEqualTo("short");
    }
}
