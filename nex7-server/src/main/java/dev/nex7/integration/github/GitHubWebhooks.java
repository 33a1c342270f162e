package dev.nex7.integration.github;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.integration.GitHubEventReceived;
import dev.nex7.integration.signing.DeliverySignatures;
import dev.nex7.platform.ApiProblem;
import dev.nex7.project.ProjectId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives GitHub's webhook deliveries: the {@code X-Hub-Signature-256} (HMAC-SHA256 of the raw body)
 * must match the secret of a project linked to the payload's repository, compared in constant time;
 * the delivery is stored before it is answered, and {@code X-GitHub-Delivery} makes a redelivery a
 * no-op. Every event is stored; push, pull_request, release and ping are announced as
 * {@link GitHubEventReceived}, others are kept and otherwise ignored. A push that
 * {@link GitHubReconciliation} found and announced before its delivery arrived (a late delivery,
 * or one redelivered by hand) is stored and not announced again.
 */
@Service
public class GitHubWebhooks {

    /** What happened to a delivery. */
    public enum Outcome { ACCEPTED, DUPLICATE, IGNORED }

    private static final String ALGORITHM = "HmacSHA256";
    private static final List<String> HANDLED = List.of("push", "pull_request", "release", "ping");

    /** The delivery is not signed by any project linked to its repository (or not signed at all). */
    static final class SignatureRefused extends ApiProblem {
        SignatureRefused() {
            super(HttpStatus.UNAUTHORIZED, "github-signature-invalid", "Signature refused",
                    "X-Hub-Signature-256 does not match the webhook secret of a project linked to this repository.");
        }
    }

    /** The delivery lacks GitHub's headers or is not a JSON payload with a repository. */
    static final class MalformedDelivery extends ApiProblem {
        MalformedDelivery(String detail) {
            super(HttpStatus.BAD_REQUEST, "github-delivery-malformed", "Not a GitHub delivery", detail);
        }
    }

    private final GitHubLinks links;
    private final PushDeliveries pushes;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    GitHubWebhooks(GitHubLinks links, PushDeliveries pushes, JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events, Clock clock) {
        this.links = links;
        this.pushes = pushes;
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    /** Checks, stores and announces one delivery. */
    @Transactional
    public Outcome receive(String event, String deliveryId, String signature, byte[] body) {
        if (event == null || event.isBlank() || event.length() > 100 || deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 100) {
            throw new MalformedDelivery("X-GitHub-Event and X-GitHub-Delivery are required.");
        }
        if (signature == null || !signature.startsWith("sha256=")) {
            throw new SignatureRefused();
        }
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (JacksonException unreadable) {
            throw new MalformedDelivery("The body is not JSON (set the webhook's content type to application/json).");
        }
        String repository = payload.path("repository").path("full_name").asString(null);
        if (repository == null) {
            throw new MalformedDelivery("The payload names no repository.");
        }
        ProjectId project = DeliverySignatures.signer(links.secretsFor(repository), ALGORITHM, body, signature.substring("sha256=".length()))
                .orElseThrow(SignatureRefused::new);
        String action = payload.path("action").asString(null);
        String ref = event.equals("push") ? payload.path("ref").asString(null) : null;
        String head = event.equals("push") ? payload.path("after").asString(null)
                : event.equals("pull_request") ? payload.path("pull_request").path("head").path("sha").asString(null) : null;
        // Read before this delivery is stored, when the newest push to the ref is still reconciliation's own.
        boolean reconciled = ref != null && head != null && pushes.newest(project, ref)
                .filter(newest -> newest.deliveryId().equals(PushDeliveries.reconciledId(project, head))).isPresent();
        int stored = jdbc.sql("INSERT INTO integration_github_deliveries (delivery_id, project_id, event, action, payload, received_at) "
                        + "VALUES (:id, :project, :event, :action, CAST(:payload AS JSONB), :at) ON CONFLICT (delivery_id) DO NOTHING")
                .param("id", deliveryId).param("project", project.value()).param("event", event).param("action", action)
                .param("payload", new String(body, StandardCharsets.UTF_8)).param("at", clock.instant().atOffset(ZoneOffset.UTC)).update();
        if (stored == 0) {
            return Outcome.DUPLICATE;
        }
        if (!HANDLED.contains(event)) {
            return Outcome.IGNORED;
        }
        if (reconciled) {
            return Outcome.DUPLICATE;
        }
        JsonNode pullRequest = payload.path("pull_request");
        Integer number = event.equals("pull_request") && pullRequest.path("number").isInt() ? pullRequest.path("number").asInt() : null;
        boolean merged = event.equals("pull_request") && "closed".equals(action) && pullRequest.path("merged").asBoolean(false);
        events.publishEvent(new GitHubEventReceived(project, deliveryId, event, action, repository, ref, head, number, merged));
        return Outcome.ACCEPTED;
    }

    /** The deliveries stored for a project, newest first (for the deployments timeline and tests). */
    public List<Map<String, Object>> recent(ProjectId project, int limit) {
        return jdbc.sql("SELECT delivery_id, event, action, received_at FROM integration_github_deliveries WHERE project_id = :project "
                        + "ORDER BY received_at DESC LIMIT :limit")
                .param("project", project.value()).param("limit", limit).query().listOfRows();
    }

    static byte[] hmac(byte[] secret, byte[] body) {
        return DeliverySignatures.hmac(ALGORITHM, secret, body);
    }
}
