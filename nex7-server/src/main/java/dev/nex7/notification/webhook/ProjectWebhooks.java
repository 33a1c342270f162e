package dev.nex7.notification.webhook;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.identity.UserId;
import dev.nex7.notification.NotificationKind;
import dev.nex7.notification.delivery.Attempt;
import dev.nex7.notification.delivery.Channel;
import dev.nex7.notification.delivery.Deliveries;
import dev.nex7.notification.delivery.Delivery;
import dev.nex7.notification.delivery.NewDelivery;
import dev.nex7.platform.ApiProblem;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.platform.WebAddress;
import dev.nex7.platform.secret.Sealed;
import dev.nex7.platform.secret.SealedRecords;
import dev.nex7.platform.secret.SecretBox;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectEvents.ProjectDeleted;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;

/**
 * A project's outgoing webhook: where NEX7 posts the project's notifications, which kinds, and the
 * secret it signs them with (see {@link WebhookSignature}). Owners configure it; NEX7 makes the
 * secret, shows it once and keeps it sealed. Members see the webhook without its secret, and
 * without the URL's path either: a Slack webhook's path is a credential.
 */
@Service
public class ProjectWebhooks implements SealedRecords {

    /** The most recent deliveries shown with the webhook. */
    public static final int RECENT = 20;

    /**
     * A webhook as shown.
     *
     * @param url the whole URL for owners; only its origin for other members
     */
    public record Webhook(ProjectId projectId, String url, boolean enabled, Set<NotificationKind> kinds, Instant createdAt,
            Instant updatedAt) {

        /** Whether notifications of this kind are posted. */
        public boolean sends(NotificationKind kind) {
            return enabled && kinds.contains(kind);
        }
    }

    /** A webhook as saved, with the signing secret when it was made by this save (shown this once). */
    public record Saved(Webhook webhook, String secret) {
    }

    /** What a test call did. */
    public record TestOutcome(boolean delivered, Integer status, String error, long durationMillis) {
    }

    /** Where to post and how to sign, for the sender. */
    record Target(URI url, String secret, boolean enabled) {

        @Override
        public String toString() {
            return "Target[" + url.getHost() + ", enabled=" + enabled + "]";
        }
    }

    /** The project has no webhook. */
    static final class WebhookNotFound extends ApiProblem {
        WebhookNotFound() {
            super(HttpStatus.NOT_FOUND, "notification-webhook-not-found", "No notification webhook",
                    "This project has no notification webhook.");
        }
    }

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final SecretBox box;
    private final Deliveries deliveries;
    private final WebhookSender sender;
    private final WebhookPayload payloads;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ProjectWebhooks(JdbcClient jdbc, ProjectAccess access, SecretBox box, Deliveries deliveries, WebhookSender sender,
            WebhookPayload payloads, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.box = box;
        this.deliveries = deliveries;
        this.sender = sender;
        this.payloads = payloads;
        this.clock = clock;
    }

    /** The project's webhook, for its members (the URL's path for owners only). */
    public Webhook get(ProjectId project, UserId user) {
        ProjectRole role = access.require(project, user, ProjectRole.VIEWER);
        Webhook webhook = find(project).orElseThrow(WebhookNotFound::new);
        return role.includes(ProjectRole.OWNER) ? webhook
                : new Webhook(project, origin(webhook.url()), webhook.enabled(), webhook.kinds(), webhook.createdAt(), webhook.updatedAt());
    }

    /** The webhook's most recent deliveries, newest first, for the project's members. */
    public List<Delivery> recent(ProjectId project, UserId user) {
        access.require(project, user, ProjectRole.VIEWER);
        return deliveries.recent(project, Channel.WEBHOOK, RECENT);
    }

    /**
     * Creates or changes the project's webhook (owners). A new webhook gets a new secret, and so does
     * one whose owner asks to rotate it; either way the secret is in the answer this once.
     *
     * @param kinds the kinds to post; {@code null} for all
     */
    @Transactional
    public Saved save(ProjectId project, UserId user, String url, boolean enabled, Set<NotificationKind> kinds, boolean rotateSecret) {
        access.require(project, user, ProjectRole.OWNER);
        String address = url == null ? null : url.strip();
        if (address == null || !WebAddress.isHttp(address)) {
            throw new InvalidRequest("url", "must be an absolute http or https URL without user information, at most 2048 characters");
        }
        Set<NotificationKind> chosen = kinds == null ? EnumSet.allOf(NotificationKind.class) : kinds;
        Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
        boolean exists = jdbc.sql("SELECT 1 FROM notification_webhooks WHERE project_id = :project FOR UPDATE")
                .param("project", project.value()).query(Integer.class).optional().isPresent();
        String secret = !exists || rotateSecret ? storeWithNewSecret(project, user, address, enabled, chosen, rotateSecret, now) : null;
        if (secret == null) {
            jdbc.sql("UPDATE notification_webhooks SET url = :url, enabled = :enabled, kinds = :kinds, updated_at = :at WHERE project_id = :project")
                    .param("url", address).param("enabled", enabled).param("kinds", ids(chosen)).param("at", now)
                    .param("project", project.value()).update();
        }
        return new Saved(find(project).orElseThrow(), secret);
    }

    /**
     * Stores the webhook with a new secret and returns the secret; {@code null} when another owner
     * created the webhook at the same moment (their secret stands rather than one overwritten a
     * moment later, and the caller's settings are saved without a new one).
     */
    private String storeWithNewSecret(ProjectId project, UserId user, String url, boolean enabled, Set<NotificationKind> kinds,
            boolean replace, Timestamp now) {
        String secret = newSecret();
        Sealed sealed = box.seal(secret, context(project));
        String conflict = replace ? "ON CONFLICT (project_id) DO UPDATE SET url = EXCLUDED.url, enabled = EXCLUDED.enabled, "
                + "kinds = EXCLUDED.kinds, key_id = EXCLUDED.key_id, sealed_secret = EXCLUDED.sealed_secret, updated_at = EXCLUDED.updated_at"
                : "ON CONFLICT (project_id) DO NOTHING";
        int stored = jdbc.sql("INSERT INTO notification_webhooks (project_id, url, enabled, kinds, key_id, sealed_secret, created_by, "
                        + "created_at, updated_at) VALUES (:project, :url, :enabled, :kinds, :key, :sealed, :by, :at, :at) " + conflict)
                .param("project", project.value()).param("url", url).param("enabled", enabled).param("kinds", ids(kinds))
                .param("key", sealed.keyId()).param("sealed", sealed.ciphertext()).param("by", user.value()).param("at", now).update();
        return stored == 1 ? secret : null;
    }

    /** Removes the project's webhook (owners), with its deliveries, owed or done. */
    @Transactional
    public void delete(ProjectId project, UserId user) {
        access.require(project, user, ProjectRole.OWNER);
        if (jdbc.sql("DELETE FROM notification_webhooks WHERE project_id = :project").param("project", project.value()).update() == 0) {
            throw new WebhookNotFound();
        }
        deliveries.deleteForProject(project, Channel.WEBHOOK);
    }

    /**
     * Posts a test call now (owners), enabled or not, and says how it went; it shows in the recent
     * deliveries too. It is tried once: the answer is what an owner wants to see.
     */
    public TestOutcome test(ProjectId project, UserId user) {
        access.require(project, user, ProjectRole.OWNER);
        String projectName = access.describe(project, user).name();
        Target target = target(project).orElseThrow(WebhookNotFound::new);
        UUID id = UUID.randomUUID();
        String body = payloads.test(id, project, projectName);
        long started = System.nanoTime();
        Attempt attempt = sender.send(target.url(), target.secret(), id, "test", body);
        long millis = (System.nanoTime() - started) / 1_000_000;
        deliveries.insertDone(new NewDelivery(id, Channel.WEBHOOK, project, null, "test", "test:" + id, body), attempt,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        return new TestOutcome(attempt.result() == Attempt.Result.DELIVERED, attempt.status(), attempt.error(), millis);
    }

    /** The project's webhook as configured, for deciding what to post. */
    public Optional<Webhook> find(ProjectId project) {
        return jdbc.sql("SELECT project_id, url, enabled, kinds, created_at, updated_at FROM notification_webhooks WHERE project_id = :project")
                .param("project", project.value()).query(ProjectWebhooks::map).optional();
    }

    /** Where and how to post the project's calls: the URL and the opened secret. */
    Optional<Target> target(ProjectId project) {
        return jdbc.sql("SELECT url, enabled, key_id, sealed_secret FROM notification_webhooks WHERE project_id = :project")
                .param("project", project.value())
                .query((row, index) -> new Target(URI.create(row.getString("url")),
                        box.openString(new Sealed(row.getString("key_id"), row.getBytes("sealed_secret")), context(project)),
                        row.getBoolean("enabled")))
                .optional();
    }

    @ApplicationModuleListener
    void on(ProjectDeleted deleted) {
        jdbc.sql("DELETE FROM notification_webhooks WHERE project_id = :project").param("project", deleted.projectId().value()).update();
    }

    @Override
    public int reseal(SecretBox secrets) {
        int resealed = 0;
        List<Object[]> rows = jdbc.sql("SELECT project_id, key_id, sealed_secret FROM notification_webhooks WHERE key_id <> :key FOR UPDATE")
                .param("key", secrets.activeKeyId())
                .query((row, index) -> new Object[] {row.getObject("project_id", UUID.class), row.getString("key_id"), row.getBytes("sealed_secret")})
                .list();
        for (Object[] row : rows) {
            if (!secrets.canOpen((String) row[1])) {
                continue;
            }
            ProjectId project = new ProjectId((UUID) row[0]);
            Sealed sealed = secrets.seal(secrets.openString(new Sealed((String) row[1], (byte[]) row[2]), context(project)), context(project));
            jdbc.sql("UPDATE notification_webhooks SET key_id = :key, sealed_secret = :sealed WHERE project_id = :project")
                    .param("key", sealed.keyId()).param("sealed", sealed.ciphertext()).param("project", project.value()).update();
            resealed++;
        }
        return resealed;
    }

    @Override
    public Set<String> keyIdsInUse() {
        return new LinkedHashSet<>(jdbc.sql("SELECT DISTINCT key_id FROM notification_webhooks").query(String.class).list());
    }

    private static Webhook map(ResultSet row, int index) throws SQLException {
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        Arrays.stream((String[]) row.getArray("kinds").getArray()).map(NotificationKind::of).forEach(kinds::add);
        return new Webhook(new ProjectId(row.getObject("project_id", UUID.class)), row.getString("url"), row.getBoolean("enabled"), kinds,
                row.getObject("created_at", OffsetDateTime.class).toInstant(), row.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static String[] ids(Set<NotificationKind> kinds) {
        return kinds.stream().sorted().map(NotificationKind::id).toArray(String[]::new);
    }

    /** {@code https://hooks.example.com/…}: enough to recognise, not enough to call. */
    private static String origin(String url) {
        URI uri = URI.create(url);
        String path = uri.getRawPath();
        boolean more = (path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null;
        return uri.getScheme() + "://" + uri.getRawAuthority() + (more ? "/…" : "/");
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + HexFormat.of().formatHex(bytes);
    }

    private static String context(ProjectId project) {
        return "notification-webhook-secret:" + project.value();
    }
}
