package dev.nex7.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.nex7.support.Api;
import dev.nex7.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the tests that run the agents against a fake Anthropic: WireMock speaking the Messages
 * API's server-sent events, answering successive requests from a script, with the application's own
 * model gateway pointed at it (one shared application context for every such test class).
 */
public abstract class FakeModelIntegrationTest extends IntegrationTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final String MESSAGES = "/v1/messages";
    public static final WireMockServer anthropic = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        anthropic.start();
    }

    @DynamicPropertySource
    static void fakeAnthropic(DynamicPropertyRegistry properties) {
        properties.add("nex7.llm.anthropic.base-url", () -> "http://127.0.0.1:" + anthropic.port());
        properties.add("nex7.llm.anthropic.api-key", () -> "sk-ant-api03-chat-test-key");
        properties.add("nex7.llm.openai.enabled", () -> "false");
        properties.add("nex7.llm.compatible.enabled", () -> "false");
        properties.add("nex7.llm.resilience.max-retries", () -> "0");
        properties.add("nex7.agent.history-token-budget", () -> "600");
    }

    @BeforeEach
    void resetFakeModel() {
        anthropic.resetAll();
        api.post("/api/admin/outbound-allow-list").token(admin().accessToken()).json(Api.map("entry", "127.0.0.1:" + anthropic.port())).send();
    }

    // --- the fake model's script ---

    /** The answers the fake gives to successive requests, in order. */
    public static void script(String... answers) {
        for (int i = 0; i < answers.length; i++) {
            anthropic.stubFor(post(urlEqualTo(MESSAGES)).inScenario("turn").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "step" + i)
                    .willSetStateTo("step" + (i + 1))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(answers[i])));
        }
    }

    public static String text(String... parts) {
        StringBuilder sse = new StringBuilder(start());
        sse.append(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (String part : parts) {
            sse.append(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                    + JSON.writeValueAsString(part) + "}}"));
        }
        sse.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        return sse.append(end("end_turn")).toString();
    }

    public static String toolUse(String id, String name, Map<String, Object> input) {
        return start()
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"" + id
                        + "\",\"name\":\"" + name + "\",\"input\":{}}}")
                + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
                        + JSON.writeValueAsString(JSON.writeValueAsString(input)) + "}}")
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + end("tool_use");
    }

    protected static String start() {
        return event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[],\"model\":\"claude-sonnet-4-5-20250929\",\"stop_reason\":null,\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":50,\"output_tokens\":1}}}");
    }

    protected static String end(String reason) {
        return event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + reason + "\",\"stop_sequence\":null},"
                + "\"usage\":{\"output_tokens\":12}}") + event("message_stop", "{\"type\":\"message_stop\"}");
    }

    protected static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    protected static List<JsonNode> requests() {
        return anthropic.findAll(postRequestedFor(urlEqualTo(MESSAGES))).stream().map(r -> JSON.readTree(r.getBodyAsString())).toList();
    }
}
