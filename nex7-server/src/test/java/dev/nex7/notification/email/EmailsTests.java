package dev.nex7.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.nex7.deployment.DeploymentEvents.DeploymentFailed;
import dev.nex7.deployment.DeploymentId;
import dev.nex7.notification.Settings;
import dev.nex7.notification.message.Announcement;
import dev.nex7.notification.message.Announcements;
import dev.nex7.project.ProjectId;
import tools.jackson.databind.json.JsonMapper;

class EmailsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void withoutAnSmtpHostTheEmailChannelIsOff() {
        assertThat(new Emails(Settings.defaults(), JSON).enabled()).isFalse();
        assertThat(new Emails(Settings.withMailHost(" "), JSON).enabled()).isFalse();
        assertThat(new Emails(Settings.withMailHost("smtp.example.com"), JSON).enabled()).isTrue();
    }

    @Test
    void anEmailLinksToThePublicUrlEscapesTheHtmlAndKeepsItsSubjectOnOneLine() {
        ProjectId project = ProjectId.random();
        DeploymentId deployment = DeploymentId.random();
        Announcement failed = Announcements.of(new DeploymentFailed(project, deployment, "local", null, null, "main", null,
                "<script>alert(1)</script>"), "Two\nLines");
        Emails emails = new Emails(Settings.withMailHost("smtp.example.com"), JSON);

        EmailMessage email = emails.compose(failed, "ann@example.com");

        assertThat(email.subject()).isEqualTo("[NEX7] Deployment failed in Two Lines");
        assertThat(email.text()).contains("https://nex7.example.com/projects/" + project + "/deployments/" + deployment)
                .contains("<script>alert(1)</script>").contains("https://nex7.example.com/settings");
        assertThat(email.html()).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(emails.read(emails.payload(email))).isEqualTo(email);
    }
}
