package dev.nex7.integration.vercel;

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

import dev.nex7.integration.VercelEventReceived;
import dev.nex7.integration.signing.DeliverySignatures;
import dev.nex7.platform.ApiProblem;
import dev.nex7.project.ProjectId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives Vercel's webhook events: {@code x-vercel-signature} (HMAC-SHA1 of the raw body, hex) must
 * match the secret of a project linked to the event's Vercel project, compared in constant time; the
 * event is stored before it is answered and its id makes a redelivery a no-op. Deployment events are
 * announced as {@link VercelEventReceived}.
 */
@Service
public class VercelWebhooks {

    private static final String ALGORITHM = "HmacSHA1";

    /** What happened to an event. */
    public enum Outcome { ACCEPTED, DUPLICATE, IGNORED }

    static final class SignatureRefused extends ApiProblem {
        SignatureRefused() {
            super(HttpStatus.UNAUTHORIZED, "vercel-signature-invalid", "Signature refused",
                    "x-vercel-signature does not match the webhook secret of a project linked to this Vercel project.");
        }
    }

    static final class MalformedEvent extends ApiProblem {
        MalformedEvent(String detail) {
            super(HttpStatus.BAD_REQUEST, "vercel-event-malformed", "Not a Vercel event", detail);
        }
    }

    private final VercelLinks links;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    VercelWebhooks(VercelLinks links, JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events, Clock clock) {
        this.links = links;
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Outcome receive(String signature, byte[] body) {
        if (signature == null || signature.isBlank()) {
            throw new SignatureRefused();
        }
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (JacksonException unreadable) {
            throw new MalformedEvent("The body is not JSON.");
        }
        String id = event.path("id").asString(null);
        String type = event.path("type").asString(null);
        JsonNode payload = event.path("payload");
        String vercelProject = payload.path("project").path("id").asString(payload.path("projectId").asString(null));
        if (id == null || id.length() > 100 || type == null || type.length() > 100 || vercelProject == null) {
            throw new MalformedEvent("An event has an id, a type and payload.project.id.");
        }
        ProjectId project = DeliverySignatures.signer(links.secretsFor(vercelProject), ALGORITHM, body, signature)
                .orElseThrow(SignatureRefused::new);
        int stored = jdbc.sql("INSERT INTO integration_vercel_events (event_id, project_id, type, payload, received_at) "
                        + "VALUES (:id, :project, :type, CAST(:payload AS JSONB), :at) ON CONFLICT (event_id) DO NOTHING")
                .param("id", id).param("project", project.value()).param("type", type).param("payload", new String(body, StandardCharsets.UTF_8))
                .param("at", clock.instant().atOffset(ZoneOffset.UTC)).update();
        if (stored == 0) {
            return Outcome.DUPLICATE;
        }
        if (!type.startsWith("deployment.")) {
            return Outcome.IGNORED;
        }
        JsonNode deployment = payload.path("deployment");
        JsonNode meta = deployment.path("meta");
        events.publishEvent(new VercelEventReceived(project, id, type, deployment.path("id").asString(null), deployment.path("url").asString(null),
                payload.path("target").asString(null), meta.path("githubCommitSha").asString(null), meta.path("githubCommitMessage").asString(null),
                meta.path("githubCommitRef").asString(null)));
        return Outcome.ACCEPTED;
    }

    /** The events stored for a project, newest first. */
    public List<Map<String, Object>> recent(ProjectId project, int limit) {
        return jdbc.sql("SELECT event_id, type, received_at FROM integration_vercel_events WHERE project_id = :project ORDER BY received_at DESC "
                + "LIMIT :limit").param("project", project.value()).param("limit", limit).query().listOfRows();
    }

    static byte[] hmacSha1(byte[] secret, byte[] body) {
        return DeliverySignatures.hmac(ALGORITHM, secret, body);
    }
}
