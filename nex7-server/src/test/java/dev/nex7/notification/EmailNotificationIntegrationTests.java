package dev.nex7.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;


import dev.nex7.deployment.DeploymentEvents.DeploymentFailed;
import dev.nex7.deployment.DeploymentEvents.FixProposed;
import dev.nex7.deployment.DeploymentId;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import tools.jackson.databind.JsonNode;

/** Notification emails through a real SMTP server (GreenMail), and the preferences that decide who gets them. */
@ExtendWith(OutputCaptureExtension.class)
class EmailNotificationIntegrationTests extends NotificationIntegrationTest {

    @Test
    void aFailedDeploymentIsEmailedToMembersWhoWantItWithAnAbsoluteLink(CapturedOutput output) throws Exception {
        Session owner = newUser("Mail Owner");
        Session quiet = newUser("Quiet");
        String project = project(owner, "Storefront");
        addMember(owner, project, quiet, "editor");
        api.put("/api/notifications/preferences").token(quiet.accessToken())
                .json(Api.map("kinds", List.of(Api.map("kind", "deployment_failed", "inApp", true, "email", false)))).send();
        DeploymentFailed event = failed(project);

        publish(event);

        MimeMessage email = awaitEmailTo(owner.email());
        assertThat(email.getSubject()).isEqualTo("[NEX7] Deployment failed in Storefront");
        assertThat(email.getFrom()[0].toString()).contains("nex7@nex7.test");
        String link = PUBLIC_URL + "/projects/" + project + "/deployments/" + event.deploymentId();
        MimeMultipart parts = (MimeMultipart) email.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(text).contains("Cannot find module 'left-pad'").contains("Open it in NEX7: " + link);
        assertThat(html).contains("href=\"" + link + "\"").contains("Cannot find module &#39;left-pad&#39;");
        // The quiet member still gets it in the app, but no email.
        awaitNotifications(quiet, list -> list.size() == 1);
        assertThat(emailsTo(quiet.email())).isEmpty();
        assertThat(output.getAll()).doesNotContain(SMTP_PASSWORD);
    }

    @Test
    void aProposedFixIsNotEmailedUnlessSomeoneAsksForIt() throws Exception {
        Session owner = newUser("Fix Owner");
        Session keen = newUser("Keen");
        String project = project(owner, "Fixes");
        addMember(owner, project, keen, "viewer");
        api.put("/api/notifications/preferences").token(keen.accessToken())
                .json(Api.map("kinds", List.of(Api.map("kind", "fix_proposed", "inApp", true, "email", true)))).send();

        publish(new FixProposed(new ProjectId(UUID.fromString(project)), DeploymentId.random(), "fix-import-path", 0.9,
                "Import ./Button, not ./button", null));

        assertThat(awaitEmailTo(keen.email()).getSubject()).isEqualTo("[NEX7] Fix proposed for Fixes");
        awaitNotifications(owner, list -> list.size() == 1);
        assertThat(emailsTo(owner.email())).isEmpty();
    }

    @Test
    void preferencesStartFromTheDefaultsAndChangeOnlyTheKindsGiven() {
        Session user = newUser("Chooser");

        Response defaults = api.get("/api/notifications/preferences").token(user.accessToken()).send();
        Response changed = api.put("/api/notifications/preferences").token(user.accessToken())
                .json(Api.map("kinds", List.of(Api.map("kind", "rolled_back", "inApp", false, "email", false)))).send();

        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.json().path("emailConfigured").asBoolean()).isTrue();
        assertThat(channels(defaults.json())).containsExactly("deployment_failed:true:true", "fix_proposed:true:false",
                "fix_merged:true:false", "recovery_failed:true:true", "rolled_back:true:true");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(channels(api.get("/api/notifications/preferences").token(user.accessToken()).send().json()))
                .containsExactly("deployment_failed:true:true", "fix_proposed:true:false", "fix_merged:true:false",
                        "recovery_failed:true:true", "rolled_back:false:false");
    }

    @Test
    void unknownRepeatedOrIncompleteKindsAreRefusedAndChangeNothing() {
        Session user = newUser("Typo");

        Response unknown = api.put("/api/notifications/preferences").token(user.accessToken())
                .json(Api.map("kinds", List.of(Api.map("kind", "deployment_exploded", "inApp", false, "email", false)))).send();
        Response twice = api.put("/api/notifications/preferences").token(user.accessToken())
                .json(Api.map("kinds", List.of(Api.map("kind", "fix_merged", "inApp", false, "email", false),
                        Api.map("kind", "fix_merged", "inApp", true, "email", true)))).send();
        Response incomplete = api.put("/api/notifications/preferences").token(user.accessToken())
                .json(Api.map("kinds", List.of(Api.map("kind", "deployment_failed", "inApp", false)))).send();
        Response missing = api.put("/api/notifications/preferences").token(user.accessToken()).json("{}").send();

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Api.fields(unknown)).containsExactly("kinds[0].kind");
        assertThat(Api.fields(twice)).containsExactly("kinds[1].kind");
        assertThat(Api.fields(incomplete)).containsExactly("kinds[0].email");
        assertThat(Api.fields(missing)).containsExactly("kinds");
        assertThat(channels(api.get("/api/notifications/preferences").token(user.accessToken()).send().json()))
                .contains("deployment_failed:true:true", "fix_merged:true:false");
    }

    private static List<String> channels(JsonNode preferences) {
        return preferences.path("kinds").valueStream()
                .map(kind -> kind.path("kind").asString() + ":" + kind.path("inApp").asBoolean() + ":" + kind.path("email").asBoolean())
                .toList();
    }

    private static MimeMessage awaitEmailTo(String address) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> !emailsTo(address).isEmpty());
        List<MimeMessage> received = emailsTo(address);
        assertThat(received).hasSize(1);
        return received.getFirst();
    }

    private static List<MimeMessage> emailsTo(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(to -> to.toString().equals(address));
            } catch (MessagingException unreadable) {
                throw new IllegalStateException(unreadable);
            }
        }).toList();
    }
}
