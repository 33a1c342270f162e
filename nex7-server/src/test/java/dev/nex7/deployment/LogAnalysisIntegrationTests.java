package dev.nex7.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

class LogAnalysisIntegrationTests extends IntegrationTest {

    private static final String ANALYZE = "/api/logs/analyze";

    @Autowired
    List<LogAnalyzer> analyzers;

    @Test
    void theApplicationRunsEveryBuiltInAnalyzer() {
        assertThat(analyzers).extracting(analyzer -> analyzer.getClass().getSimpleName()).containsExactlyInAnyOrder(
                "TypeScriptAnalyzer", "EslintAnalyzer", "ModuleResolutionAnalyzer", "PackageInstallAnalyzer",
                "EnvironmentAnalyzer", "NextBuildAnalyzer", "NodeRuntimeAnalyzer", "VercelAnalyzer", "JvmBuildAnalyzer",
                "PythonAnalyzer");
        assertThat(Analyzers.builtIn()).extracting(analyzer -> analyzer.getClass().getSimpleName())
                .containsExactlyInAnyOrderElementsOf(analyzers.stream().map(a -> a.getClass().getSimpleName()).toList());
    }

    @Test
    void aSignedInUserGetsTheFindingsOfAPastedLogRootFirst() {
        Session user = newUser("Deployer");
        String log = LogCorpus.load().entry("vercel-next-missing-env.log").text();

        Response answer = api.post(ANALYZE).token(user.accessToken()).raw("text/plain", log).send();

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.path("root").asInt()).isZero();
        assertThat(body.path("analyzedBytes").asLong()).isEqualTo(log.getBytes(StandardCharsets.UTF_8).length);
        JsonNode root = body.path("findings").get(0);
        assertThat(root.path("root").asBoolean()).isTrue();
        assertThat(root.path("category").asString()).isEqualTo("missing-env-var");
        assertThat(root.path("tool").asString()).isEqualTo("next");
        assertThat(root.path("subject").asString()).isEqualTo("DATABASE_URL");
        assertThat(root.path("file").asString()).isEqualTo("lib/env.ts");
        assertThat(root.path("line").asInt()).isEqualTo(8);
        assertThat(root.path("fixStrategy").asString()).isEqualTo("add-env-var");
        assertThat(root.path("severity").asString()).isEqualTo("error");
        assertThat(log.lines().skip(root.path("logLine").asInt() - 1).findFirst().orElseThrow()).contains("DATABASE_URL");
        JsonNode other = body.path("findings").get(1);
        assertThat(other.path("root").asBoolean()).isFalse();
        assertThat(other.path("category").asString()).isEqualTo("nextjs-prerender");
        assertThat(other.path("fixStrategy").isNull()).isTrue();
    }

    @Test
    void theCharsetTheBodyDeclaresIsHonoured() {
        Session user = newUser("Latin");
        byte[] latin1 = ("Error: Missing required environment variable: API_KEY (clé de l'API)\n"
                + "    at x (/srv/app/src/a.js:1:1)").getBytes(StandardCharsets.ISO_8859_1);

        Response answer = api.post(ANALYZE).token(user.accessToken())
                .body(HttpRequest.BodyPublishers.ofByteArray(latin1), "text/plain; charset=ISO-8859-1").send();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("findings").get(0).path("subject").asString()).isEqualTo("API_KEY");
        assertThat(answer.json().path("findings").get(0).path("message").asString()).contains("(clé de l'API)");
    }

    @Test
    void anonymousCallersAreRefused() {
        Response answer = api.post(ANALYZE).raw("text/plain", "npm error code E404").send();

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.problemType()).isEqualTo("unauthorized");
    }

    @Test
    void anEmptyOrBlankLogIsABadRequestProblem() {
        Session user = newUser("Blank");

        Response empty = api.post(ANALYZE).token(user.accessToken()).raw("text/plain", "").send();
        Response blank = api.post(ANALYZE).token(user.accessToken()).raw("text/plain", " \n\t\n").send();

        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.header("Content-Type")).startsWith("application/problem+json");
        assertThat(empty.problemType()).isEqualTo("log-empty");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.problemType()).isEqualTo("log-empty");
    }

    @Test
    void aLogOfAFewMegabytesIsAnalysedAndOneOverItsLimitIsRefusedWhetherDeclaredOrStreamed() {
        Session user = newUser("Verbose");
        String large = "npm error code E404\n".repeat(150_000); // 3 MB: over the general 1 MB body limit, within this path's 8 MB
        Response analysed = api.post(ANALYZE).token(user.accessToken()).raw("text/plain", large).send();
        assertThat(analysed.status()).as(analysed.text()).isEqualTo(200);
        String huge = "npm error code E404\n".repeat(450_000); // 9 MB

        Response declared = api.post(ANALYZE).token(user.accessToken()).raw("text/plain", huge).send();
        Response streamed = api.post(ANALYZE).token(user.accessToken())
                .body(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))), "text/plain")
                .send();

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.problemType()).isEqualTo("payload-too-large");
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.problemType()).isEqualTo("payload-too-large");
    }

    @Test
    void aJsonBodyIsNotALog() {
        Session user = newUser("Jason");

        Response answer = api.post(ANALYZE).token(user.accessToken()).json("{\"log\":\"npm error code E404\"}").send();

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.problemType()).isEqualTo("unsupported-media-type");
    }
}
