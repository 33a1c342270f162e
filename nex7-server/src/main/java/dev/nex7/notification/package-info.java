/**
 * Notifications: telling a project's people what happened to its deployments. The module listens to
 * {@link dev.nex7.deployment.DeploymentEvents} (after their transaction commits, through the event
 * publication registry) and turns each failure, proposed or merged fix, failed recovery and rollback
 * into an in-app notification per member (live over server-sent events), an email per member who
 * wants one (when SMTP is configured), and a call of the project's outgoing webhook (Slack-compatible,
 * HMAC-signed). Emails and webhook calls go through a durable outbox with bounded, backed-off retries.
 * Other modules use nothing of it but {@link dev.nex7.notification.NotificationSettings}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notification")
package dev.nex7.notification;
