package dev.nex7.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.nex7.identity.UserId;
import dev.nex7.llm.persistence.LlmCalls;
import tools.jackson.databind.JsonNode;

/** Streaming and tool calling against the fake Anthropic and OpenAI, in both wire formats. */
class ModelGatewayStreamingIntegrationTests extends LlmIntegrationTest {

    private static final ToolSpec LIST_EXECUTIONS = new ToolSpec("list_executions",
            "The latest executions of a workflow", Map.of("type", "object", "properties",
                    Map.of("workflow", Map.of("type", "string"), "limit", Map.of("type", "integer")),
                    "required", List.of("workflow")));

    @Test
    void textArrivesAsDeltasInOrderAndUsageStopReasonAndCostAreRecorded() {
        Session user = newUser("Streamer");
        answer(anthropic, MESSAGES, events("anthropic/text.sse"));
        Recorder listener = new Recorder();

        ModelResponse response = gateway().stream(ask(context(user), "Who are you?"), listener);

        assertThat(listener.texts).containsExactly("Hello", ", I am", " Nexy.");
        assertThat(response.text()).isEqualTo("Hello, I am Nexy.");
        assertThat(response.provider()).isEqualTo("anthropic");
        assertThat(response.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage()).isEqualTo(new Usage(1200, 800));
        // claude-sonnet-4…: $3 per million input, $15 per million output tokens.
        assertThat(response.costUsd()).isEqualByComparingTo("0.0156");
        assertThat(response.timeToFirstToken()).isNotNull();
        assertThat(response.fallbacks()).isEmpty();
        LlmCalls.Call recorded = calls.ofUser(new UserId(user.id())).getFirst();
        assertThat(recorded.provider()).isEqualTo("anthropic");
        assertThat(recorded.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(recorded.inputTokens()).isEqualTo(1200);
        assertThat(recorded.outputTokens()).isEqualTo(800);
        assertThat(recorded.costUsd()).isEqualByComparingTo("0.0156");
        assertThat(recorded.outcome()).isEqualTo("ok");
        assertThat(recorded.agentId()).isEqualTo("nexy");
        assertThat(recorded.purpose()).isEqualTo("chat");
        assertThat(recorded.ttftMs()).isNotNull();
    }

    @Test
    void anAnthropicRequestCarriesTheKeyVersionSystemPromptAndStreamFlag() {
        Session user = newUser("Wire");
        answer(anthropic, MESSAGES, events("anthropic/text.sse"));

        gateway().stream(new ModelRequest(context(user), "Be brief.", List.of(ModelMessage.user("Hi")), List.of(),
                ModelPreference.of("anthropic:claude-haiku-4-5"), 300, 0.2), StreamListener.IGNORE);

        LoggedRequest sent = anthropic.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(MESSAGES))).getFirst();
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertThat(sent.getHeader("x-api-key")).isEqualTo(ANTHROPIC_KEY);
        assertThat(sent.getHeader("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.getHeader("Accept")).isEqualTo("text/event-stream");
        assertThat(body.path("model").asString()).isEqualTo("claude-haiku-4-5");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("system").asString()).isEqualTo("Be brief.");
        assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("user");
        assertThat(body.path("messages").get(0).path("content").get(0).path("text").asString()).isEqualTo("Hi");
    }

    @Test
    void anAnthropicToolUseIsStreamedWholeAndTheCallersSecondCallWithTheResultEndsTheTurn() {
        Session user = newUser("Tool user");
        answer(anthropic, MESSAGES, events("anthropic/tool-use.sse"));
        ModelGateway gateway = gateway();
        ModelRequest first = new ModelRequest(context(user), "You are Debugger.",
                List.of(ModelMessage.user("Why did my deploy fail?")), List.of(LIST_EXECUTIONS), null, 1024, null);
        Recorder listener = new Recorder();

        ModelResponse toolTurn = gateway.stream(first, listener);
        ToolUseBlock call = toolTurn.toolCalls().getFirst();
        answer(anthropic, MESSAGES, events("anthropic/after-tool.sse"));
        ModelResponse done = gateway.stream(first.then(toolTurn.asMessage(), ModelMessage.user(List.of(
                new ToolResultBlock(call.id(), "[{\"status\":\"failed\",\"error\":\"DATABASE_URL is not set\"}]",
                        false)))), listener);

        assertThat(toolTurn.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(toolTurn.text()).isEqualTo("Let me check the latest runs.");
        assertThat(call).isEqualTo(new ToolUseBlock("toolu_01T1x1fJ34qAmk2tNTrN7Up6", "list_executions",
                Map.of("workflow", "deploy", "limit", 3)));
        assertThat(listener.tools).containsExactly(call);
        assertThat(done.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(done.text()).isEqualTo("The last deploy failed: DATABASE_URL is not set.");
        JsonNode second = bodies(anthropic, MESSAGES).get(1);
        assertThat(second.path("tools").get(0).path("name").asString()).isEqualTo("list_executions");
        assertThat(second.path("tools").get(0).path("input_schema").path("required").get(0).asString())
                .isEqualTo("workflow");
        JsonNode assistant = second.path("messages").get(1);
        assertThat(assistant.path("role").asString()).isEqualTo("assistant");
        assertThat(assistant.path("content").get(1).path("type").asString()).isEqualTo("tool_use");
        assertThat(assistant.path("content").get(1).path("id").asString()).isEqualTo(call.id());
        assertThat(assistant.path("content").get(1).path("input").path("limit").asInt()).isEqualTo(3);
        JsonNode result = second.path("messages").get(2).path("content").get(0);
        assertThat(result.path("type").asString()).isEqualTo("tool_result");
        assertThat(result.path("tool_use_id").asString()).isEqualTo(call.id());
        assertThat(result.path("is_error").asBoolean()).isFalse();
    }

    @Test
    void anOpenAiToolCallIsAssembledByIndexAndTheResultGoesBackAsAToolMessage() {
        Session user = newUser("OpenAI tool user");
        answer(openai, COMPLETIONS, events("openai/tool-calls.sse"));
        ModelGateway gateway = gateway();
        ModelRequest first = new ModelRequest(context(user), "You are Debugger.",
                List.of(ModelMessage.user("Why did my deploy fail?")), List.of(LIST_EXECUTIONS),
                ModelPreference.of("openai:gpt-4.1"), 1024, null);
        Recorder listener = new Recorder();

        ModelResponse toolTurn = gateway.stream(first, listener);
        ToolUseBlock call = toolTurn.toolCalls().getFirst();
        answer(openai, COMPLETIONS, events("openai/after-tool.sse"));
        ModelResponse done = gateway.stream(first.then(toolTurn.asMessage(), ModelMessage.user(List.of(
                new ToolResultBlock(call.id(), "permission denied", true)))), listener);

        assertThat(toolTurn.provider()).isEqualTo("openai");
        assertThat(toolTurn.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(call).isEqualTo(new ToolUseBlock("call_DdmO9pD3xa9XTPNJ32zg2hcA", "list_executions",
                Map.of("workflow", "deploy", "limit", 3)));
        assertThat(listener.tools).containsExactly(call);
        assertThat(toolTurn.usage()).isEqualTo(new Usage(410, 24));
        assertThat(done.text()).isEqualTo("The last deploy failed: DATABASE_URL is not set.");
        assertThat(done.usage()).isEqualTo(new Usage(480, 12));
        List<JsonNode> sent = bodies(openai, COMPLETIONS);
        JsonNode firstBody = sent.get(0);
        assertThat(firstBody.path("stream").asBoolean()).isTrue();
        assertThat(firstBody.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(firstBody.path("max_completion_tokens").asInt()).isEqualTo(1024);
        assertThat(firstBody.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(firstBody.path("tools").get(0).path("type").asString()).isEqualTo("function");
        assertThat(firstBody.path("tools").get(0).path("function").path("parameters").path("type").asString())
                .isEqualTo("object");
        JsonNode messages = sent.get(1).path("messages");
        assertThat(messages.get(2).path("role").asString()).isEqualTo("assistant");
        assertThat(messages.get(2).path("tool_calls").get(0).path("id").asString()).isEqualTo(call.id());
        assertThat(JSON.readTree(messages.get(2).path("tool_calls").get(0).path("function").path("arguments")
                .asString()).path("workflow").asString()).isEqualTo("deploy");
        assertThat(messages.get(3).path("role").asString()).isEqualTo("tool");
        assertThat(messages.get(3).path("tool_call_id").asString()).isEqualTo(call.id());
        assertThat(messages.get(3).path("content").asString()).isEqualTo("Error: permission denied");
        assertThat(openai.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(COMPLETIONS))).getFirst()
                .getHeader("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
    }

    @Test
    void anOpenAiCompatibleServerIsCalledWithoutAKeyWithMaxTokensAndCostsNothing() {
        Session user = newUser("Local model user");
        answer(openai, COMPLETIONS, events("openai/text.sse"));
        LlmSettings base = settings();
        ModelGateway local = gateway(new LlmSettings(LlmSettings.Provider.none(), LlmSettings.Provider.none(),
                LlmSettings.Provider.of(java.net.URI.create("http://127.0.0.1:" + openai.port()), null, "llama3.1:8b"),
                List.of("anthropic", "compatible"), Map.of(), base.budgets(), base.resilience(), false));

        ModelResponse response = local.stream(ask(context(user), "Hi"), new Recorder());

        LoggedRequest sent = openai.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(COMPLETIONS))).getFirst();
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertThat(response.provider()).isEqualTo("compatible");
        assertThat(response.costUsd()).isZero();
        assertThat(sent.containsHeader("Authorization")).isFalse();
        assertThat(body.path("model").asString()).isEqualTo("llama3.1:8b");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(local.status(null).providers()).extracting(GatewayStatus.ProviderStatus::name,
                GatewayStatus.ProviderStatus::usable).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("anthropic", false),
                        org.assertj.core.groups.Tuple.tuple("openai", false),
                        org.assertj.core.groups.Tuple.tuple("compatible", true));
    }

    @Test
    void concurrentCallsAreEachRecordedBeforeTheyReturn() throws Exception {
        Session user = newUser("Crowd");
        answer(anthropic, MESSAGES, events("anthropic/text.sse"));
        ModelGateway gateway = gateway();
        List<Thread> callers = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger recordedOnReturn = new java.util.concurrent.atomic.AtomicInteger();

        for (int i = 0; i < 30; i++) {
            callers.add(Thread.ofVirtual().start(() -> {
                String id = gateway.stream(ask(context(user), "Hi"), StreamListener.IGNORE).model();
                if (id != null && !calls.ofUser(new UserId(user.id())).isEmpty()) {
                    recordedOnReturn.incrementAndGet();
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join();
        }

        assertThat(recordedOnReturn).hasValue(30);
        assertThat(calls.ofUser(new UserId(user.id()))).hasSize(30).allSatisfy(call -> assertThat(call.outcome())
                .isEqualTo("ok"));
    }

    @Test
    void completeReturnsTheWholeAnswerWithoutAListener() {
        Session user = newUser("Completer");
        answer(anthropic, MESSAGES, events("anthropic/text.sse"));

        ModelResponse response = gateway().complete(ask(context(user), "Who are you?"));

        assertThat(response.text()).isEqualTo("Hello, I am Nexy.");
        assertThat(response.costUsd()).isEqualByComparingTo(new BigDecimal("0.0156"));
    }
}
