package dev.nex7.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import dev.nex7.identity.UserId;
import dev.nex7.plugin.node.Credential;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;

/**
 * A canary secret goes into the vault and is then looked for everywhere it must not be: every API
 * answer (success or error, body and headers), the application's log output, the stored row and
 * the event publication table. Only {@link CredentialVault#open} hands it out.
 */
@ExtendWith(OutputCaptureExtension.class)
@RecordApplicationEvents
class CredentialSecrecyIntegrationTests extends IntegrationTest {

    private static final String LISTENER = "dev.nex7.test.CanaryListener.on(CredentialDeleted)";

    @Autowired
    CredentialVault vault;

    @Autowired
    CredentialCatalog catalog;

    @Autowired
    EventPublicationRegistry publications;

    @Autowired
    ApplicationEvents events;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCanarySecretNeverLeavesTheVaultExceptThroughOpen(CapturedOutput output) {
        String canary = "canary-" + UUID.randomUUID();
        Session owner = newUser("Canary keeper");
        Session outsider = newUser("Canary hunter");
        String project = api.post("/api/projects").token(owner.accessToken())
                .json(Api.map("name", "Mine", "type", "api")).send().json().path("id").asString();
        String base = "/api/projects/" + project + "/credentials";
        List<Response> answers = new ArrayList<>();

        Response created = send(answers, api.post(base).token(owner.accessToken())
                .json(Api.map("kind", "http-bearer", "name", "Canary", "data", Api.map("token", canary))));
        String id = created.json().path("id").asString();
        send(answers, api.post(base).token(owner.accessToken()).json(Api.map("kind", "http-basic", "name", "Basic",
                "data", Api.map("username", "robot", "password", canary))));
        send(answers, api.get(base + "/" + id).token(owner.accessToken()));
        send(answers, api.get(base).token(owner.accessToken()));
        send(answers, api.patch(base + "/" + id).token(owner.accessToken()).json(Api.map("name", "Canary 2")));
        send(answers, api.patch(base + "/" + id).token(owner.accessToken()).json(Api.map("data", Api.map())));
        // Every kind of refusal, each carrying the canary.
        send(answers, api.post(base).token(owner.accessToken()).json(Api.map("kind", "http-bearer", "name", "basic",
                "data", Api.map("token", canary))));
        send(answers, api.post(base).token(owner.accessToken()).json(Api.map("kind", "smtp", "name", "Mail", "data",
                Api.map("host", "smtp.example.com", "port", 0, "password", canary, "from", canary))));
        send(answers, api.post(base).token(owner.accessToken()).json(Api.map("kind", "http-bearer", "name", "X",
                "data", Api.map("token", canary, "tokn", canary))));
        send(answers, api.post(base).token(owner.accessToken()).json(Api.map("kind", "http-bearer", "name", "X",
                "data", canary)));
        send(answers, api.post(base).token(owner.accessToken()).json(Api.map("kind", "http-bearer", "name", "X",
                "data", Api.map("token", canary), "secret", canary)));
        send(answers, api.post(base).token(owner.accessToken())
                .json("{\"kind\":\"http-bearer\",\"name\":\"X\",\"data\":{\"token\":\"" + canary + "\"")); // truncated
        send(answers, api.post(base).token(owner.accessToken())
                .json("{\"kind\":\"http-bearer\",\"name\":\"X\",\"data\":{\"token\":" + canary + "}}")); // unquoted
        send(answers, api.patch(base + "/" + id).token(owner.accessToken())
                .json(Api.map("data", Api.map("token", Api.map("nested", canary)))));
        send(answers, api.patch(base + "/" + id).token(owner.accessToken())
                .json(Api.map("data", Api.map("token", canary.repeat(500)))));
        send(answers, api.patch(base + "/" + id).token(outsider.accessToken())
                .json(Api.map("data", Api.map("token", canary))));
        Response rotated = send(answers, api.post("/api/admin/secrets/rotate").token(admin().accessToken()));

        for (Response answer : answers) {
            assertThat(answer.text()).as(answer.toString()).doesNotContain(canary);
            assertThat(answer.headers().toString()).doesNotContain(canary);
        }
        assertThat(answers).extracting(Response::status)
                .containsExactly(201, 201, 200, 200, 200, 200, 409, 400, 400, 400, 400, 400, 400, 400, 400, 404, 200);
        assertThat(rotated.json().path("resealedRecords").asInt()).as("the rotation re-encrypted it").isPositive();

        Credential opened = vault.open(new ProjectId(UUID.fromString(project)), CredentialId.parse(id), List.of("http-bearer"));
        assertThat(opened.require("token")).isEqualTo(canary);
        assertThat(opened.toString()).doesNotContain(canary);
        assertThatThrownBy(() -> vault.open(new ProjectId(UUID.fromString(project)), CredentialId.parse(id),
                List.of("smtp"))).hasMessageNotContaining(canary);

        var row = jdbc.sql("SELECT name, fields, secret_fields, secrets FROM credential_credentials WHERE id = :id")
                .param("id", UUID.fromString(id)).query().singleRow();
        assertThat(row.toString()).doesNotContain(canary);
        assertThat(new String((byte[]) row.get("secrets"), StandardCharsets.ISO_8859_1)).doesNotContain(canary);

        catalog.delete(new ProjectId(UUID.fromString(project)), CredentialId.parse(id), new UserId(owner.id()));
        CredentialDeleted deleted = events.stream(CredentialDeleted.class).findFirst().orElseThrow();
        // What the outbox keeps for a module that listens to the event.
        publications.store(deleted, Stream.of(PublicationTargetIdentifier.of(LISTENER)));
        String stored = jdbc.sql("SELECT serialized_event FROM event_publication WHERE listener_id = :l")
                .param("l", LISTENER).query(String.class).single();
        jdbc.sql("DELETE FROM event_publication WHERE listener_id = :l").param("l", LISTENER).update();
        assertThat(stored).contains(id).doesNotContain(canary);
        assertThat(jdbc.sql("SELECT count(*) FROM event_publication WHERE strpos(serialized_event, :c) > 0")
                .param("c", canary).query(Long.class).single()).isZero();

        assertThat(output.getAll()).as("the output was captured").contains("Master key rotated")
                .doesNotContain(canary);
    }

    private static Response send(List<Response> answers, Api.Call call) {
        Response answer = call.send();
        answers.add(answer);
        return answer;
    }
}
