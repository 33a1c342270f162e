package dev.nex7.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HttpContractIntegrationTests extends IntegrationTest {

    @Autowired
    JsonMapper json;

    @Test
    void unauthenticatedApiCallsGetAProblemAndABearerChallenge() {
        Response answer = api.get("/api/projects").send();

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().path("type").asString()).isEqualTo("https://nex7.dev/problems/unauthorized");
        assertThat(answer.json().path("instance").asString()).isEqualTo("/api/projects");
    }

    @Test
    void unknownApiAddressesAreNotFoundProblems() {
        Session user = newUser("Lost");

        Response answer = api.get("/api/no-such-thing").token(user.accessToken()).send();

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.problemType()).isEqualTo("not-found");
    }

    @Test
    void wrongMethodsAndMediaTypesAreProblems() {
        Session user = newUser("Wrong");

        Response method = api.put("/api/projects").token(user.accessToken()).json("{}").send();
        Response media = api.post("/api/projects").token(user.accessToken()).raw("text/plain", "name=x").send();

        assertThat(method.status()).isEqualTo(405);
        assertThat(method.problemType()).isEqualTo("method-not-allowed");
        assertThat(method.header("Allow")).contains("GET").contains("POST");
        assertThat(media.status()).isEqualTo(415);
        assertThat(media.problemType()).isEqualTo("unsupported-media-type");
    }

    @Test
    void malformedJsonIsABadRequestThatChangesNothing() {
        Session user = newUser("Garbled");

        Response broken = api.post("/api/projects").token(user.accessToken()).json("{\"name\": \"A\", \"type\":").send();
        Response trailing = api.post("/api/projects").token(user.accessToken())
                .json("{\"name\":\"A\",\"type\":\"web\"} {}").send();
        Response empty = api.post("/api/projects").token(user.accessToken()).json("").send();

        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.problemType()).isEqualTo("malformed-request");
        assertThat(trailing.status()).isEqualTo(400);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(api.get("/api/projects").token(user.accessToken()).send().json().path("totalItems").asLong())
                .isZero();
    }

    @Test
    void bodiesOverTheLimitAreRefusedWhetherDeclaredOrStreamed() {
        Session user = newUser("Heavy");
        String big = "{\"name\":\"" + "a".repeat(1_100_000) + "\",\"type\":\"web\"}";

        Response declared = api.post("/api/projects").token(user.accessToken()).json(big).send();
        Response streamed = api.post("/api/projects").token(user.accessToken())
                .body(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))), "application/json")
                .send();

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.problemType()).isEqualTo("payload-too-large");
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(api.get("/api/projects").token(user.accessToken()).send().json().path("totalItems").asLong())
                .isZero();
    }

    @Test
    void jsonNestedDeeperThanTheLimitIsRefusedByTheParser() {
        String deep = "[".repeat(40) + "]".repeat(40);
        String shallow = "[".repeat(20) + "]".repeat(20);

        assertThat(json.readTree(shallow)).isNotNull();
        assertThatThrownBy(() -> json.readTree(deep)).isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void everyAnswerCarriesARequestIdAndProblemsRepeatIt() {
        Response generated = api.get("/api/projects").send();
        Response echoed = api.get("/api/projects").header("X-Request-Id", "trace-12345678").send();
        Response tooShort = api.get("/actuator/health").header("X-Request-Id", "abc").send();
        Response injected = api.get("/actuator/health").header("X-Request-Id", "id-with spaces;and=stuff").send();

        assertThat(generated.header("X-Request-Id")).isNotBlank();
        assertThat(generated.json().path("requestId").asString()).isEqualTo(generated.header("X-Request-Id"));
        assertThat(echoed.header("X-Request-Id")).isEqualTo("trace-12345678");
        assertThat(echoed.json().path("requestId").asString()).isEqualTo("trace-12345678");
        assertThat(tooShort.header("X-Request-Id")).isNotEqualTo("abc").hasSize(36);
        assertThat(injected.header("X-Request-Id")).isNotEqualTo("id-with spaces;and=stuff").hasSize(36);
    }

    @Test
    void healthIsPublicButMetricsAreForAdminsOnly() {
        Session user = newUser("Curious");
        Session admin = admin();

        assertThat(api.get("/actuator/health/liveness").send().status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness").send().json().path("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/prometheus").send().status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus").token(user.accessToken()).send().status()).isEqualTo(403);
        Response metrics = api.get("/actuator/prometheus").token(admin.accessToken()).send();
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("http_server_requests");
    }

    @Test
    void theWebUiIsServedForBrowserRoutesWithSecurityHeaders() {
        Response deepLink = api.get("/projects/" + java.util.UUID.randomUUID()).send();

        assertThat(deepLink.status()).isEqualTo(200);
        assertThat(deepLink.header("Content-Type")).startsWith("text/html");
        assertThat(deepLink.text()).contains("<div id=\"root\">");
        assertThat(deepLink.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(deepLink.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(deepLink.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void theApiDescriptionIsPublicAndMatchesTheCopyTheWebClientIsGeneratedFrom() throws Exception {
        Response docs = api.get("/v3/api-docs").send();
        assertThat(docs.status()).isEqualTo(200);
        assertThat(api.get("/swagger-ui/index.html").send().status()).isEqualTo(200);

        JsonNode served = json.readTree(docs.text());
        Path committed = Path.of("..", "web", "openapi.json");
        Path fresh = Path.of("target", "openapi.json");
        Files.writeString(fresh, json.writerWithDefaultPrettyPrinter().writeValueAsString(served));
        assertThat(served.path("openapi").asString()).startsWith("3.1");
        assertThat(served.path("components").path("schemas").has("Problem")).isTrue();
        boolean same = json.readTree(Files.readString(committed)).equals(served);
        assertThat(same).as("web/openapi.json is out of date: run `cp nex7-server/target/openapi.json web/openapi.json`"
                + " and rebuild the web client").isTrue();
    }
}
