package dev.nex7.deployment.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.jgit.revwalk.RevCommit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nex7.agent.FakeModelIntegrationTest;
import dev.nex7.deployment.FakeNpmRegistry;
import dev.nex7.deployment.NodeProject;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import tools.jackson.databind.JsonNode;

/**
 * The whole loop on the local target, with a real small Node/TypeScript project in real git
 * repositories, real npm installs (from a local registry) and real {@code tsc} builds in the
 * sandbox: the project deploys, a developer pushes a breakage, NEX7 sees the failed deployment,
 * finds the root cause, proves a fix with the project's own build, commits it to the branch and
 * redeploys it ready. The three breakages: a missing dependency, a wrong import path, a type error
 * (fixed by the Debugger's patch, from a fake Anthropic). The owner is notified (GreenMail receives
 * the email). A fix that fails its proof is discarded and reported, and the project rolled back when
 * it asked for that. A build that stops for want of an environment variable gets it from the vault,
 * proven and redeployed, with the value nowhere to be seen; without one, a person is asked.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalRecoveryIntegrationTests extends FakeModelIntegrationTest {

    private static final Duration BUILDS = Duration.ofMinutes(3);
    private static final String API_URL = "https://api.shop.test/v1?key=0f9e8d7c6b5a";
    static final FakeNpmRegistry registry = new FakeNpmRegistry();
    static final GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
    static final WireMockServer github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    static final String TYPESCRIPT = NodeProject.publishTypeScript(registry);

    static {
        mail.start();
        github.start();
        registry.publish("tiny-pad", "1.2.0", Map.of(
                "index.js", "exports.padStart = (text, width) => String(text).padStart(width);\n",
                "index.d.ts", "export declare function padStart(text: string | number, width: number): string;\n"));
    }

    @TempDir
    Path directory;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void sandbox(DynamicPropertyRegistry properties) throws IOException {
        Path builds = Files.createTempDirectory("nex7-builds-");
        properties.add("nex7.deployment.sandbox.root", builds::toString);
        properties.add("nex7.deployment.sandbox.npm-registry", registry::url);
        properties.add("nex7.deployment.local.poll-interval", () -> "300ms");
        properties.add("nex7.integration.github-api-url", () -> "http://127.0.0.1:" + github.port());
        properties.add("nex7.notification.mail.host", () -> "127.0.0.1");
        properties.add("nex7.notification.mail.port", () -> mail.getSmtp().getPort());
        properties.add("nex7.notification.mail.starttls", () -> "false");
    }

    @BeforeEach
    void allowTheRegistry() {
        api.post("/api/admin/outbound-allow-list").token(admin().accessToken()).json(Api.map("entry", "127.0.0.1:" + registry.port())).send();
        api.post("/api/admin/outbound-allow-list").token(admin().accessToken()).json(Api.map("entry", "127.0.0.1:" + github.port())).send();
    }

    @Test
    void withGitHubLinkedAProvenFixBecomesAPullRequestAndItsMergeIsRecorded() throws Exception {
        Session owner = newUser("loop-pull-request");
        String project = project(owner);
        String repo = "shop-" + project.substring(0, 8);
        String credential = api.post("/api/projects/" + project + "/credentials").token(owner.accessToken())
                .json(Api.map("kind", "github", "name", "GitHub", "data", Api.map("token", "ghp_pullRequestTestToken0123456789"))).send()
                .json().path("id").asString();
        String secret = "a-webhook-secret-for-the-pull-request-test";
        api.put("/api/projects/" + project + "/github").token(owner.accessToken())
                .json(Api.map("owner", "acme", "repo", repo, "credentialId", credential, "webhookSecret", secret)).send();
        NodeProject shop = deployed(owner, project);
        String base = "/repos/acme/" + repo;
        github.stubFor(WireMock.get(WireMock.urlPathMatching(base + "/git/commits/[0-9a-f]{40}")).willReturn(WireMock.okJson(
                "{\"sha\":\"0000000000000000000000000000000000000001\",\"tree\":{\"sha\":\"1111111111111111111111111111111111111111\"}}")));
        github.stubFor(WireMock.post(base + "/git/trees").willReturn(WireMock.jsonResponse(
                "{\"sha\":\"2222222222222222222222222222222222222222\"}", 201)));
        github.stubFor(WireMock.post(base + "/git/commits").willReturn(WireMock.jsonResponse(
                "{\"sha\":\"3333333333333333333333333333333333333333\"}", 201)));
        github.stubFor(WireMock.post(base + "/git/refs").willReturn(WireMock.jsonResponse(
                "{\"ref\":\"refs/heads/nex7/fix\",\"object\":{\"sha\":\"3333333333333333333333333333333333333333\"}}", 201)));
        github.stubFor(WireMock.post(base + "/pulls").willReturn(WireMock.jsonResponse(
                "{\"number\":7,\"html_url\":\"https://github.com/acme/" + repo + "/pull/7\"}", 201)));

        shop.write(Map.of("src/index.ts", shop.read("src/index.ts").replace("\"./greeting\"", "\"./Greeting\"")));
        String broken = shop.commitAndPush("Tidy the imports");
        JsonNode failed = awaitDeployment(owner, project, d -> d.path("commitSha").asString().equals(broken) && isFinished(d));
        String id = failed.path("id").asString();
        JsonNode[] proposed = new JsonNode[1];
        await().atMost(BUILDS).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(api.get("/api/deployments/" + id
                + "/recovery").token(owner.accessToken()).send().json()).anySatisfy(attempt -> {
                    assertThat(attempt.path("pullRequestNumber").asInt()).isEqualTo(7);
                    proposed[0] = attempt;
                }));

        assertThat(proposed[0].path("pullRequestUrl").asString()).isEqualTo("https://github.com/acme/" + repo + "/pull/7");
        assertThat(proposed[0].path("merged").asBoolean()).isFalse();
        assertThat(shop.sharedHead().getName()).as("with GitHub linked the fix is proposed, not committed").isEqualTo(broken);
        String tree = github.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo(base + "/git/trees"))).getFirst().getBodyAsString();
        assertThat(tree).contains("\"base_tree\":\"1111111111111111111111111111111111111111\"").contains("\"path\":\"src/index.ts\"")
                .contains("./greeting");
        var pull = github.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo(base + "/pulls"))).getFirst();
        assertThat(pull.getHeader("Authorization")).isEqualTo("Bearer ghp_pullRequestTestToken0123456789");
        assertThat(pull.getBodyAsString()).contains("\"base\":\"main\"").contains("fix-import-path").contains("Build proof")
                .contains("Confidence");

        String merged = """
                {"action":"closed","number":7,"pull_request":{"number":7,"merged":true,"head":{"sha":"3333333333333333333333333333333333333333"}},
                 "repository":{"full_name":"acme/%s"}}""".formatted(repo);
        java.net.http.HttpResponse<String> delivered = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(api.base() + "/api/webhooks/github")).header("Content-Type", "application/json")
                .header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", java.util.UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", "sha256=" + java.util.HexFormat.of().formatHex(hmac(secret, merged)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(merged)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/api/deployments/" + id + "/recovery")
                .token(owner.accessToken()).send().json()).anySatisfy(attempt -> assertThat(attempt.path("merged").asBoolean()).isTrue()));
        JsonNode calibration = api.get("/api/projects/" + project + "/recovery/calibration").token(owner.accessToken()).send().json();
        assertThat(calibration).anySatisfy(row -> {
            assertThat(row.path("strategy").asString()).isEqualTo("fix-import-path");
            assertThat(row.path("merged").asLong()).isEqualTo(1);
        });
    }

    private static byte[] hmac(String secret, String body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aMissingDependencyIsAddedProvenCommittedAndRedeployed() {
        Session owner = newUser("loop-dependency");
        String project = project(owner);
        NodeProject shop = deployed(owner, project);

        shop.write(Map.of("src/index.ts", """
                import { greet } from "./greeting";
                import { padStart } from "tiny-pad";

                const guests: number = 3;
                console.log(padStart(greet("NEX7"), 20), guests);
                """));
        String broken = shop.commitAndPush("Pad the greeting");

        JsonNode failed = awaitDeployment(owner, project, d -> d.path("commitSha").asString().equals(broken) && isFinished(d));
        JsonNode fixed = awaitFix(owner, failed);

        assertThat(failed.path("status").asString()).isEqualTo("error");
        assertThat(failed.path("rootCategory").asString()).isEqualTo("module-not-found");
        assertThat(fixed.path("strategy").asString()).isEqualTo("add-dependency");
        assertThat(fixed.path("diff").asString()).contains("+    \"tiny-pad\": \"^1.2.0\"").contains("package-lock.json");
        assertFixLandedAndDeployed(owner, project, shop, broken, fixed);
        shop.pull();
        assertThat(shop.read("package.json")).contains("\"tiny-pad\": \"^1.2.0\"");
        // the owner is told: the failure by email (their default), the proposed and merged fix in the app
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mail.getReceivedMessages()).anySatisfy(message -> {
            assertThat(message.getAllRecipients()[0].toString()).isEqualTo(owner.email());
            assertThat(message.getSubject()).contains("Deployment failed");
        }));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/api/notifications").token(owner.accessToken()).send()
                .json().toString()).contains("fix_proposed").contains("fix_merged"));
    }

    @Test
    void aWrongImportPathIsCorrectedProvenCommittedAndRedeployed() {
        Session owner = newUser("loop-import");
        String project = project(owner);
        NodeProject shop = deployed(owner, project);

        shop.write(Map.of("src/index.ts", shop.read("src/index.ts").replace("\"./greeting\"", "\"./Greeting\"")));
        String broken = shop.commitAndPush("Tidy the imports");

        JsonNode failed = awaitDeployment(owner, project, d -> d.path("commitSha").asString().equals(broken) && isFinished(d));
        JsonNode fixed = awaitFix(owner, failed);

        assertThat(failed.path("status").asString()).isEqualTo("error");
        assertThat(fixed.path("strategy").asString()).isEqualTo("fix-import-path");
        assertThat(fixed.path("diff").asString()).contains("-import { greet } from \"./Greeting\";").contains("+import { greet } from \"./greeting\";");
        assertFixLandedAndDeployed(owner, project, shop, broken, fixed);
    }

    @Test
    void aTypeErrorIsFixedByTheDebuggersPatchProvenCommittedAndRedeployed() {
        Session owner = newUser("loop-type");
        String project = project(owner);
        policy(owner, project, 0.5, false);
        NodeProject shop = deployed(owner, project);
        script(text(debuggerAnswer(0.85, """
                --- a/src/index.ts
                +++ b/src/index.ts
                @@ -1,4 +1,4 @@
                 import { greet } from "./greeting";
                \s
                -const guests: number = "3";
                +const guests: number = 3;
                 console.log(greet("NEX7"), guests);
                """)));

        shop.write(Map.of("src/index.ts", shop.read("src/index.ts").replace("const guests: number = 3;", "const guests: number = \"3\";")));
        String broken = shop.commitAndPush("Read the guests from the form");

        JsonNode failed = awaitDeployment(owner, project, d -> d.path("commitSha").asString().equals(broken) && isFinished(d));
        JsonNode fixed = awaitFix(owner, failed);

        assertThat(failed.path("rootCategory").asString()).isEqualTo("type-error");
        assertThat(fixed.path("strategy").asString()).isEqualTo("model-patch");
        assertThat(fixed.path("source").asString()).isEqualTo("model");
        assertThat(requests()).singleElement().satisfies(request -> assertThat(request.toString())
                .contains("TS2322").contains("=== src/index.ts ==="));
        assertFixLandedAndDeployed(owner, project, shop, broken, fixed);
    }

    @Test
    void aFixThatFailsItsProofIsDiscardedReportedAndTheProjectRolledBack() {
        Session owner = newUser("loop-rollback");
        String project = project(owner);
        policy(owner, project, 0.5, true);
        NodeProject shop = deployed(owner, project);
        String good = shop.sharedHead().getName();
        // The Debugger's patch fits the file but does not fix the type error: its proof build fails.
        script(text(debuggerAnswer(0.9, """
                --- a/src/index.ts
                +++ b/src/index.ts
                @@ -1,4 +1,4 @@
                 import { greet } from "./greeting";
                \s
                -const guests: number = "3";
                +const guests: number = "three";
                 console.log(greet("NEX7"), guests);
                """)));

        shop.write(Map.of("src/index.ts", shop.read("src/index.ts").replace("const guests: number = 3;", "const guests: number = \"3\";")));
        String broken = shop.commitAndPush("Read the guests from the form");

        JsonNode failed = awaitDeployment(owner, project, d -> d.path("commitSha").asString().equals(broken) && isFinished(d));
        JsonNode rollback = awaitDeployment(owner, project, d -> d.path("trigger").asString().equals("rollback") && isFinished(d));
        JsonNode attempts = api.get("/api/deployments/" + failed.path("id").asString() + "/recovery").token(owner.accessToken()).send().json();

        assertThat(attempts).singleElement().satisfies(attempt -> {
            assertThat(attempt.path("status").asString()).isEqualTo("failed");
            assertThat(attempt.path("detail").asString()).contains("still fails");
            assertThat(attempt.path("buildOutput").asString()).contains("TS2322");
        });
        assertThat(shop.sharedHead().getName()).as("a failed fix is never committed").isEqualTo(broken);
        assertThat(rollback.path("commitSha").asString()).isEqualTo(good);
        assertThat(rollback.path("status").asString()).isEqualTo("ready");
        JsonNode calibration = api.get("/api/projects/" + project + "/recovery/calibration").token(owner.accessToken()).send().json();
        assertThat(calibration).anySatisfy(row -> {
            assertThat(row.path("strategy").asString()).isEqualTo("model-patch");
            assertThat(row.path("tried").asLong()).isEqualTo(1);
            assertThat(row.path("proven").asLong()).isZero();
        });
    }

    @Test
    void aMissingEnvironmentVariableKeptInTheVaultIsSetProvenAndRedeployedWithoutItsValueShowing(CapturedOutput console) {
        Session owner = newUser("loop-environment");
        String project = project(owner);
        NodeProject shop = deployed(owner, project);
        Response credential = api.post("/api/projects/" + project + "/credentials").token(owner.accessToken()).json(Api.map("kind",
                "environment-variable", "name", "Shop API", "data", Api.map("name", "API_URL", "value", API_URL))).send();
        assertThat(credential.status()).as(credential.text()).isEqualTo(201);

        String broken = readTheApiUrl(shop);
        JsonNode failed = awaitDeployment(owner, project, d -> d.path("commitSha").asString().equals(broken) && isFinished(d));
        JsonNode fixed = awaitFix(owner, failed);

        assertThat(failed.path("status").asString()).isEqualTo("error");
        assertThat(failed.path("rootCategory").asString()).isEqualTo("missing-env-var");
        assertThat(fixed.path("strategy").asString()).isEqualTo("add-env-var");
        assertThat(fixed.path("rationale").asString()).contains("API_URL").contains("Shop API");
        assertThat(fixed.path("detail").asString()).isEqualTo("the build passes with API_URL set");
        assertThat(fixed.path("buildOutput").asString()).contains("$ " + NodeProject.BUILD).contains("API at [masked]");
        assertThat(fixed.path("commitSha").asString()).as("the same commit is deployed again").isEqualTo(broken);
        assertThat(shop.sharedHead().getName()).as("nothing is committed").isEqualTo(broken);
        JsonNode redeployed = awaitDeployment(owner, project, d -> d.path("trigger").asString().equals("fix") && isFinished(d));
        assertThat(redeployed.path("commitSha").asString()).isEqualTo(broken);
        assertThat(redeployed.path("status").asString()).as(log(owner, redeployed)).isEqualTo("ready");
        assertThat(fixed.path("redeploymentId").asString()).isEqualTo(redeployed.path("id").asString());
        assertThat(api.get("/api/projects/" + project + "/local-target/environment").token(owner.accessToken()).send().json())
                .extracting(variable -> variable.path("name").asString()).containsExactly("API_URL");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/api/notifications").token(owner.accessToken()).send()
                .text()).contains("fix_merged"));

        // the value is nowhere: not in the attempts, the logs, the notifications, the events or the server's own log
        List<String> seen = new ArrayList<>(List.of(
                api.get("/api/deployments/" + failed.path("id").asString() + "/recovery").token(owner.accessToken()).send().text(),
                api.get("/api/projects/" + project + "/deployments").token(owner.accessToken()).send().text(),
                log(owner, failed), log(owner, redeployed),
                api.get("/api/notifications").token(owner.accessToken()).send().text(),
                api.get("/api/projects/" + project + "/credentials").token(owner.accessToken()).send().text(), console.getAll()));
        seen.addAll(jdbc.sql("SELECT serialized_event FROM event_publication").query(String.class).list());
        seen.addAll(jdbc.sql("SELECT CAST(a.* AS TEXT) FROM deployment_recovery_attempts a WHERE project_id = :project")
                .param("project", java.util.UUID.fromString(project)).query(String.class).list());
        assertThat(seen).noneSatisfy(text -> assertThat(text).contains(API_URL));
    }

    @Test
    void aMissingEnvironmentVariableNobodyKeptNeedsInput() {
        Session owner = newUser("loop-environment-unknown");
        String project = project(owner);
        NodeProject shop = deployed(owner, project);

        String broken = readTheApiUrl(shop);
        JsonNode failed = awaitDeployment(owner, project, d -> d.path("commitSha").asString().equals(broken) && isFinished(d));
        JsonNode[] asked = new JsonNode[1];
        await().atMost(BUILDS).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(api.get("/api/deployments/"
                + failed.path("id").asString() + "/recovery").token(owner.accessToken()).send().json()).singleElement().satisfies(attempt -> {
                    assertThat(attempt.path("status").asString()).isEqualTo("needs-input");
                    asked[0] = attempt;
                }));

        assertThat(asked[0].path("strategy").asString()).isEqualTo("add-env-var");
        assertThat(asked[0].path("rationale").asString()).contains("API_URL").contains("does not know its value");
        assertThat(shop.sharedHead().getName()).isEqualTo(broken);
        assertThat(api.get("/api/projects/" + project + "/local-target/environment").token(owner.accessToken()).send().json()).isEmpty();
        assertThat(api.get("/api/projects/" + project + "/deployments").token(owner.accessToken()).send().json())
                .noneSatisfy(deployment -> assertThat(deployment.path("trigger").asString()).isEqualTo("fix"));
    }

    /** Pushes a build that stops unless API_URL is set, and prints it when it is: the broken commit. */
    private static String readTheApiUrl(NodeProject shop) {
        shop.write(Map.of("check-env.js", """
                if (!process.env.API_URL) {
                  console.error("Missing required environment variable API_URL");
                  process.exit(1);
                }
                console.log("API at " + process.env.API_URL);
                """, "package.json", shop.read("package.json").replace("\"build\": \"tsc -p .\"", "\"build\": \"node check-env.js && tsc -p .\"")));
        return shop.commitAndPush("Read the API from the environment");
    }

    // --- the loop's steps ---

    /** A new shop project, linked as the local target and deployed ready from its first commit. */
    private NodeProject deployed(Session owner, String project) {
        NodeProject shop = NodeProject.create(directory, registry.url(), TYPESCRIPT);
        api.put("/api/projects/" + project + "/local-target").token(owner.accessToken()).json(Api.map("repository",
                shop.repository().toString(), "installCommand", NodeProject.INSTALL, "buildCommand", NodeProject.BUILD, "watch", true))
                .send();
        String first = shop.sharedHead().getName();
        JsonNode deployed = awaitDeployment(owner, project, d -> d.path("commitSha").asString().equals(first) && isFinished(d));
        assertThat(deployed.path("status").asString()).as(log(owner, deployed)).isEqualTo("ready");
        return shop;
    }

    private JsonNode awaitFix(Session owner, JsonNode failed) {
        String id = failed.path("id").asString();
        JsonNode[] proven = new JsonNode[1];
        await().atMost(BUILDS).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode attempts = api.get("/api/deployments/" + id + "/recovery").token(owner.accessToken()).send().json();
            assertThat(attempts).as(attempts.toString()).anySatisfy(attempt -> {
                assertThat(attempt.path("status").asString()).isEqualTo("proven");
                assertThat(attempt.path("commitSha").isString()).isTrue();
                proven[0] = attempt;
            });
        });
        return proven[0];
    }

    private void assertFixLandedAndDeployed(Session owner, String project, NodeProject shop, String broken, JsonNode fixed) {
        RevCommit head = shop.sharedHead();
        assertThat(head.getName()).isEqualTo(fixed.path("commitSha").asString());
        assertThat(head.getParent(0).getName()).as("the fix is a commit on top of the broken one").isEqualTo(broken);
        assertThat(head.getAuthorIdent().getName()).isEqualTo("NEX7");
        assertThat(fixed.path("buildOutput").asString()).contains("$ " + NodeProject.BUILD);
        assertThat(fixed.path("proofMillis").isNumber()).isTrue();
        JsonNode redeployed = awaitDeployment(owner, project,
                d -> d.path("commitSha").asString().equals(head.getName()) && isFinished(d));
        assertThat(redeployed.path("trigger").asString()).isEqualTo("fix");
        assertThat(redeployed.path("status").asString()).as(log(owner, redeployed)).isEqualTo("ready");
        assertThat(fixed.path("redeploymentId").asString()).isEqualTo(redeployed.path("id").asString());
        // for bench/recovery.sh, which reads these lines (a figure, never an assertion)
        System.out.printf("RECOVERY-FIGURE strategy=%s proofMillis=%d projectCommandMillis=%d%n", fixed.path("strategy").asString(),
                fixed.path("proofMillis").asLong(), fixed.path("buildMillis").asLong());
    }

    private JsonNode awaitDeployment(Session owner, String project, Predicate<JsonNode> wanted) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(BUILDS).pollInterval(Duration.ofMillis(300)).until(() -> {
            for (JsonNode deployment : api.get("/api/projects/" + project + "/deployments").token(owner.accessToken()).send().json()) {
                if (wanted.test(deployment)) {
                    found[0] = deployment;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static boolean isFinished(JsonNode deployment) {
        return Map.of("ready", 1, "error", 1, "canceled", 1).containsKey(deployment.path("status").asString());
    }

    private String log(Session owner, JsonNode deployment) {
        return api.get("/api/deployments/" + deployment.path("id").asString() + "/log").token(owner.accessToken()).send().json()
                .path("text").asString();
    }

    private void policy(Session owner, String project, double threshold, boolean autoRollback) {
        api.put("/api/projects/" + project + "/recovery-policy").token(owner.accessToken()).json(Api.map("enabled", true, "threshold",
                threshold, "modelFixes", true, "autoRollback", autoRollback, "maxAttempts", 3)).send();
    }

    private static String debuggerAnswer(double confidence, String diff) {
        return JSON.writeValueAsString(Map.of("confidence", confidence, "rationale", "guests is a number; the literal was a string.",
                "diff", diff));
    }

    private String project(Session owner) {
        return api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "Shop", "type", "web")).send().json().path("id")
                .asString();
    }
}
