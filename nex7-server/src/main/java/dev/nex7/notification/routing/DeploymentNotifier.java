package dev.nex7.notification.routing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.nex7.deployment.DeploymentEvents.DeploymentFailed;
import dev.nex7.deployment.DeploymentEvents.FixMerged;
import dev.nex7.deployment.DeploymentEvents.FixProposed;
import dev.nex7.deployment.DeploymentEvents.RecoveryFailed;
import dev.nex7.deployment.DeploymentEvents.RolledBack;
import dev.nex7.identity.UserId;
import dev.nex7.notification.delivery.Channel;
import dev.nex7.notification.delivery.NewDelivery;
import dev.nex7.notification.delivery.Outbox;
import dev.nex7.notification.email.Emails;
import dev.nex7.notification.inbox.Inbox;
import dev.nex7.notification.inbox.NewNotification;
import dev.nex7.notification.message.Announcement;
import dev.nex7.notification.message.Announcements;
import dev.nex7.notification.preference.Preference;
import dev.nex7.notification.preference.Preferences;
import dev.nex7.notification.webhook.ProjectWebhooks;
import dev.nex7.notification.webhook.WebhookPayload;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectMembership;
import dev.nex7.project.ProjectMembership.MemberDetails;
import dev.nex7.project.ProjectNotFound;

/**
 * Tells a project's people about its deployments: for each failure, proposed or merged fix, failed
 * recovery and rollback, an in-app notification for every member who wants it, an email for every
 * member who wants one (when email is configured), and a call of the project's webhook when it
 * posts that kind. Runs after the event's transaction commits, in one transaction of its own:
 * what it decides is stored together or not at all, and the publication registry hands the event
 * over again after a crash. Handling the same event twice adds nothing (every row is keyed by the
 * event).
 */
@Component
class DeploymentNotifier {

    private static final Logger log = LoggerFactory.getLogger(DeploymentNotifier.class);

    private final ProjectMembership membership;
    private final ProjectAccess access;
    private final Preferences preferences;
    private final Inbox inbox;
    private final Outbox outbox;
    private final Emails emails;
    private final ProjectWebhooks webhooks;
    private final WebhookPayload payloads;

    DeploymentNotifier(ProjectMembership membership, ProjectAccess access, Preferences preferences, Inbox inbox, Outbox outbox,
            Emails emails, ProjectWebhooks webhooks, WebhookPayload payloads) {
        this.membership = membership;
        this.access = access;
        this.preferences = preferences;
        this.inbox = inbox;
        this.outbox = outbox;
        this.emails = emails;
        this.webhooks = webhooks;
        this.payloads = payloads;
    }

    @ApplicationModuleListener
    void on(DeploymentFailed event) {
        announce(event.projectId(), project -> Announcements.of(event, project));
    }

    @ApplicationModuleListener
    void on(FixProposed event) {
        announce(event.projectId(), project -> Announcements.of(event, project));
    }

    @ApplicationModuleListener
    void on(FixMerged event) {
        announce(event.projectId(), project -> Announcements.of(event, project));
    }

    @ApplicationModuleListener
    void on(RecoveryFailed event) {
        announce(event.projectId(), project -> Announcements.of(event, project));
    }

    @ApplicationModuleListener
    void on(RolledBack event) {
        announce(event.projectId(), project -> Announcements.of(event, project));
    }

    private void announce(ProjectId project, Function<String, Announcement> words) {
        List<MemberDetails> members = membership.membersOf(project);
        if (members.isEmpty()) {
            log.debug("Project {} is gone; nobody to tell", project);
            return;
        }
        String projectName;
        try {
            projectName = access.describe(project, members.getFirst().userId()).name();
        } catch (ProjectNotFound deletedMeanwhile) {
            return;
        }
        Announcement announcement = words.apply(projectName);
        Map<UserId, Preference> chosen = preferences.forKind(members.stream().map(MemberDetails::userId).toList(), announcement.kind());
        inbox.add(members.stream().filter(member -> chosen.get(member.userId()).inApp())
                .map(member -> new NewNotification(member.userId(), project, announcement.kind(), announcement.eventKey(),
                        announcement.title(), announcement.text(), announcement.link()))
                .toList());
        if (emails.enabled()) {
            members.stream().filter(member -> chosen.get(member.userId()).email()).forEach(member -> outbox.enqueue(new NewDelivery(
                    UUID.randomUUID(), Channel.EMAIL, project, member.userId(), announcement.kind().id(), announcement.eventKey(),
                    emails.payload(emails.compose(announcement, member.email())))));
        }
        webhooks.find(project).filter(webhook -> webhook.sends(announcement.kind())).ifPresent(webhook -> {
            UUID id = UUID.randomUUID();
            outbox.enqueue(new NewDelivery(id, Channel.WEBHOOK, project, null, announcement.kind().id(), announcement.eventKey(),
                    payloads.of(id, announcement)));
        });
    }
}
