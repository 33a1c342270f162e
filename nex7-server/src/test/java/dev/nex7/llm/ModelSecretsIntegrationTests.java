package dev.nex7.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.github.tomakehurst.wiremock.client.WireMock;

import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;

/**
 * API keys, the instance's and a project's, are sent to their provider and nowhere else: not in
 * logs (even with NEX7's loggers at DEBUG), errors, status, usage, settings or their string forms,
 * including when a provider's error message echoes the key back.
 */
@ExtendWith(OutputCaptureExtension.class)
class ModelSecretsIntegrationTests extends LlmIntegrationTest {

    @Autowired
    LoggingSystem logging;

    @Test
    void apiKeysNeverAppearInLogsErrorsOrResponses(CapturedOutput output) {
        String instanceKey = "sk-ant-api03-CANARY-" + UUID.randomUUID();
        String openaiKey = "sk-proj-CANARY-" + UUID.randomUUID();
        String projectKey = "sk-proj-PROJECT-CANARY-" + UUID.randomUUID();
        Session owner = newUser("Keeper");
        ProjectId project = project(owner, "Secrets");
        LlmSettings base = settings();
        LlmSettings settings = new LlmSettings(
                LlmSettings.Provider.of(URI.create("http://127.0.0.1:" + anthropic.port()), instanceKey, null),
                LlmSettings.Provider.of(URI.create("http://127.0.0.1:" + openai.port()), openaiKey, null),
                base.compatible(), base.chain(), Map.of(), base.budgets(), base.resilience(), false);
        ModelGateway gateway = gateway(settings);
        logging.setLogLevel("dev.nex7", LogLevel.DEBUG);
        try {
            answer(anthropic, MESSAGES, events("anthropic/text.sse"));
            ModelResponse ok = gateway.stream(ask(context(owner, project), "Hi"), new Recorder());

            // A provider that echoes the key in its error messages: refused key, then a refused request.
            answer(anthropic, MESSAGES, error(401, "anthropic/unauthorized.json"));
            answer(openai, COMPLETIONS, WireMock.aResponse().withStatus(401).withHeader("Content-Type",
                    "application/json").withBody(resource("openai/invalid-api-key.json")
                            .replace("KEY_PLACEHOLDER", openaiKey)));
            ModelCallFailed refusedKeys = catchThrowableOfType(ModelCallFailed.class,
                    () -> gateway.stream(ask(context(owner, project), "Hi"), new Recorder()));
            answer(anthropic, MESSAGES, WireMock.aResponse().withStatus(400).withHeader("Content-Type",
                    "application/json").withBody("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                            + "\"message\":\"header x-api-key: " + instanceKey + " is malformed\"}}"));
            ModelCallFailed badRequest = catchThrowableOfType(ModelCallFailed.class,
                    () -> gateway.stream(ask(context(owner, project), "Hi"), new Recorder()));

            // A project's own key from the vault.
            String credential = api.post("/api/projects/" + project + "/credentials").token(owner.accessToken())
                    .json(Api.map("kind", "openai", "name", "Own", "data", Api.map("apiKey", projectKey))).send()
                    .json().path("id").asString();
            api.put("/api/projects/" + project + "/llm").token(owner.accessToken())
                    .json(Api.map("chain", List.of("openai"), "credentials", Api.map("openai", credential))).send();
            answer(openai, COMPLETIONS, events("openai/text.sse"));
            ModelResponse withProjectKey = gateway.stream(ask(context(owner, project), "Hi"), new Recorder());

            String status = api.get("/api/llm/status?projectId=" + project).token(owner.accessToken()).send().text();
            String usage = api.get("/api/llm/usage?projectId=" + project).token(owner.accessToken()).send().text();
            String projectSettings = api.get("/api/projects/" + project + "/llm").token(owner.accessToken()).send()
                    .text();

            assertThat(ok.provider()).isEqualTo("anthropic");
            assertThat(refusedKeys.code()).isEqualTo("providers-unavailable");
            assertThat(badRequest.code()).isEqualTo("bad-request");
            assertThat(badRequest.getMessage()).contains("[redacted]");
            assertThat(withProjectKey.provider()).isEqualTo("openai");
            assertThat(anthropic.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo(MESSAGES))).getFirst()
                    .getHeader("x-api-key")).isEqualTo(instanceKey);
            assertThat(openai.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo(COMPLETIONS))).getLast()
                    .getHeader("Authorization")).isEqualTo("Bearer " + projectKey);
            // The capture sees the gateway's own lines, so a key in them would be seen too.
            assertThat(output.getAll()).contains("answered by anthropic").contains("Model call moves from anthropic");
            for (String key : List.of(instanceKey, openaiKey, projectKey)) {
                assertThat(output.getAll()).as("logs").doesNotContain(key);
                assertThat(refusedKeys.getMessage() + refusedKeys.properties() + badRequest.getMessage()
                        + badRequest.properties()).as("errors").doesNotContain(key);
                assertThat(status + usage + projectSettings).as("responses").doesNotContain(key);
                assertThat(settings.toString()).as("settings").doesNotContain(key);
            }
        } finally {
            logging.setLogLevel("dev.nex7", LogLevel.INFO);
        }
    }

    @Test
    void promptsAndAnswersAreLoggedOnlyWhenLogContentIsOnAndTheLoggerAtDebug(CapturedOutput output) {
        Session user = newUser("Chatty");
        answer(anthropic, MESSAGES, events("anthropic/text.sse"));
        LlmSettings base = settings();
        LlmSettings withContent = new LlmSettings(base.anthropic(), base.openai(), base.compatible(), base.chain(),
                Map.of(), base.budgets(), base.resilience(), true);
        String quiet = "quiet-prompt-" + UUID.randomUUID();
        String loud = "loud-prompt-" + UUID.randomUUID();
        logging.setLogLevel("dev.nex7", LogLevel.DEBUG);
        try {
            gateway().stream(ask(context(user), quiet), new Recorder());
            gateway(withContent).stream(ask(context(user), loud), new Recorder());
        } finally {
            logging.setLogLevel("dev.nex7", LogLevel.INFO);
        }

        assertThat(output.getAll()).doesNotContain(quiet).contains(loud).contains("Hello, I am Nexy.");
    }
}
