package dev.nex7.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.nex7.identity.UserId;
import dev.nex7.llm.persistence.LlmCalls;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's rules when providers fail: retries with backoff only before the first token, a
 * circuit breaker per provider, fallback along the chain (in the middle of a tool-using turn too,
 * with the history translated), and one clear error after a bounded number of requests.
 */
class ModelGatewayResilienceIntegrationTests extends LlmIntegrationTest {

    private static final ToolSpec LIST_EXECUTIONS = new ToolSpec("list_executions",
            "The latest executions of a workflow", Map.of("type", "object", "properties",
                    Map.of("workflow", Map.of("type", "string"), "limit", Map.of("type", "integer"))));

    @Test
    void anOverloadedAnswerIsRetriedWithBackoffAndThePrimarySucceeds() {
        Session user = newUser("Patient");
        answer(anthropic, post(urlEqualTo(MESSAGES)).inScenario("overload").whenScenarioStateIs(STARTED)
                .willReturn(error(529, "anthropic/overloaded.json")).willSetStateTo("recovered"));
        answer(anthropic, post(urlEqualTo(MESSAGES)).inScenario("overload").whenScenarioStateIs("recovered")
                .willReturn(events("anthropic/text.sse")));

        ModelResponse response = gateway().stream(ask(context(user), "Hi"), new Recorder());

        assertThat(response.provider()).isEqualTo("anthropic");
        assertThat(response.text()).isEqualTo("Hello, I am Nexy.");
        assertThat(response.fallbacks()).isEmpty();
        assertThat(requests(anthropic, MESSAGES)).isEqualTo(2);
        assertThat(requests(openai, COMPLETIONS)).isZero();
        // The first retry waits between half and all of the initial backoff (100 ms), jittered.
        assertThat(waits).singleElement().satisfies(wait -> assertThat(wait).isBetween(Duration.ofMillis(50),
                Duration.ofMillis(100)));
    }

    @Test
    void aRateLimitIsRetriedAfterTheRetryAfterTheProviderAskedFor() {
        Session user = newUser("Throttled");
        answer(anthropic, post(urlEqualTo(MESSAGES)).inScenario("rate").whenScenarioStateIs(STARTED)
                .willReturn(error(429, "anthropic/rate-limited.json").withHeader("retry-after", "7"))
                .willSetStateTo("allowed"));
        answer(anthropic, post(urlEqualTo(MESSAGES)).inScenario("rate").whenScenarioStateIs("allowed")
                .willReturn(events("anthropic/text.sse")));

        ModelResponse response = gateway().stream(ask(context(user), "Hi"), new Recorder());

        assertThat(response.provider()).isEqualTo("anthropic");
        assertThat(requests(anthropic, MESSAGES)).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aFailureAfterTheFirstTokenIsNotRetriedAndDoesNotRepeatText() {
        Session user = newUser("Interrupted story");
        answer(anthropic, MESSAGES, events("anthropic/broken-after-first-token.sse"));
        answer(openai, COMPLETIONS, events("openai/text.sse"));
        Recorder listener = new Recorder();

        ModelCallFailed failed = catchThrowableOfType(ModelCallFailed.class,
                () -> gateway().stream(ask(context(user), "Tell me a story"), listener));

        assertThat(failed.code()).isEqualTo("providers-unavailable");
        assertThat(failed.getMessage()).contains("anthropic was overloaded after the answer had started");
        assertThat(failed.partial().text()).isEqualTo("Hello, I");
        assertThat(listener.texts).containsExactly("Hello, I");
        assertThat(listener.fallbacks).isEmpty();
        assertThat(requests(anthropic, MESSAGES)).isEqualTo(1);
        assertThat(requests(openai, COMPLETIONS)).isZero();
        assertThat(waits).isEmpty();
        LlmCalls.Call recorded = calls.ofUser(new UserId(user.id())).getFirst();
        assertThat(recorded.outcome()).isEqualTo("broken");
        assertThat(recorded.inputTokens()).isEqualTo(1200);
        assertThat(recorded.outputTokens()).isPositive();
    }

    @Test
    void anthropicOverloadedPastItsRetriesFallsBackToOpenAi() {
        Session user = newUser("Fallback");
        answer(anthropic, MESSAGES, error(529, "anthropic/overloaded.json"));
        answer(openai, COMPLETIONS, events("openai/text.sse"));
        Recorder listener = new Recorder();

        ModelResponse response = gateway().stream(ask(context(user), "Hi"), listener);

        assertThat(response.provider()).isEqualTo("openai");
        assertThat(response.model()).isEqualTo("gpt-4.1-2025-04-14");
        assertThat(response.text()).isEqualTo("Hello from the fallback.");
        assertThat(listener.texts).containsExactly("Hello", " from", " the fallback.");
        FallbackNotice notice = new FallbackNotice("anthropic", "openai", "was overloaded (529) after 3 attempts");
        assertThat(response.fallbacks()).containsExactly(notice);
        assertThat(listener.fallbacks).containsExactly(notice);
        assertThat(requests(anthropic, MESSAGES)).isEqualTo(3);
        assertThat(requests(openai, COMPLETIONS)).isEqualTo(1);
        assertThat(waits).hasSize(2);
        assertThat(calls.ofUser(new UserId(user.id()))).extracting(LlmCalls.Call::provider, LlmCalls.Call::outcome)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("anthropic", "failed"),
                        org.assertj.core.groups.Tuple.tuple("openai", "ok"));
    }

    @Test
    void anOpenCircuitSendsNothingToItsProviderAndTheCallGoesStraightToTheNext() {
        Session user = newUser("Breaker");
        answer(anthropic, MESSAGES, error(529, "anthropic/overloaded.json"));
        answer(openai, COMPLETIONS, events("openai/text.sse"));
        ModelGateway gateway = gateway();
        // Three failed attempts in a window of ten open the circuit (minimum 3 calls, 50 %).
        gateway.stream(ask(context(user), "first"), new Recorder());
        anthropic.resetRequests();
        waits.clear();

        Recorder listener = new Recorder();
        ModelResponse response = gateway.stream(ask(context(user), "second"), listener);

        assertThat(requests(anthropic, MESSAGES)).isZero();
        assertThat(response.provider()).isEqualTo("openai");
        assertThat(response.fallbacks()).extracting(FallbackNotice::reason)
                .containsExactly("was skipped: its circuit is open after repeated failures");
        assertThat(waits).isEmpty();
        assertThat(gateway.status(null).providers()).filteredOn(p -> p.name().equals("anthropic"))
                .singleElement().satisfies(status -> {
                    assertThat(status.circuit()).isEqualTo("open");
                    assertThat(status.usable()).isFalse();
                });
    }

    @Test
    void anOpenCircuitLetsATrialThroughAfterItsOpenTimeAndClosesWhenItSucceeds() {
        Session user = newUser("Recovery");
        answer(anthropic, MESSAGES, error(529, "anthropic/overloaded.json"));
        answer(openai, COMPLETIONS, events("openai/text.sse"));
        ModelGateway gateway = gateway();
        gateway.stream(ask(context(user), "first"), new Recorder());
        answer(anthropic, MESSAGES, events("anthropic/text.sse"));

        clock.advance(Duration.ofSeconds(31));
        ModelResponse response = gateway.stream(ask(context(user), "after the pause"), new Recorder());

        assertThat(response.provider()).isEqualTo("anthropic");
        assertThat(gateway.status(null).providers().getFirst().circuit()).isEqualTo("closed");
    }

    @Test
    void midTurnTheHistoryWithTheAnthropicToolCallIsTranslatedForOpenAi() {
        Session user = newUser("Mid-turn");
        answer(anthropic, MESSAGES, events("anthropic/tool-use.sse"));
        answer(openai, COMPLETIONS, events("openai/after-tool.sse"));
        ModelGateway gateway = gateway();
        ModelRequest first = new ModelRequest(context(user), "You are Debugger.",
                List.of(ModelMessage.user("Why did my deploy fail?")), List.of(LIST_EXECUTIONS), null, 1024, null);
        ModelResponse toolTurn = gateway.stream(first, new Recorder());
        ToolUseBlock call = toolTurn.toolCalls().getFirst();
        answer(anthropic, MESSAGES, error(529, "anthropic/overloaded.json"));

        ModelResponse done = gateway.stream(first.then(toolTurn.asMessage(), ModelMessage.user(List.of(
                new ToolResultBlock(call.id(), "{\"status\":\"failed\"}", false)))), new Recorder());

        assertThat(toolTurn.provider()).isEqualTo("anthropic");
        assertThat(done.provider()).isEqualTo("openai");
        assertThat(done.text()).isEqualTo("The last deploy failed: DATABASE_URL is not set.");
        JsonNode messages = bodies(openai, COMPLETIONS).getFirst().path("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.get(0).path("role").asString()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asString()).isEqualTo("You are Debugger.");
        assertThat(messages.get(1).path("content").asString()).isEqualTo("Why did my deploy fail?");
        JsonNode assistant = messages.get(2);
        assertThat(assistant.path("role").asString()).isEqualTo("assistant");
        assertThat(assistant.path("content").asString()).isEqualTo("Let me check the latest runs.");
        JsonNode toolCall = assistant.path("tool_calls").get(0);
        assertThat(toolCall.path("id").asString()).isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
        assertThat(toolCall.path("type").asString()).isEqualTo("function");
        assertThat(toolCall.path("function").path("name").asString()).isEqualTo("list_executions");
        JsonNode arguments = JSON.readTree(toolCall.path("function").path("arguments").asString());
        assertThat(arguments.path("workflow").asString()).isEqualTo("deploy");
        assertThat(arguments.path("limit").asInt()).isEqualTo(3);
        assertThat(messages.get(3).path("role").asString()).isEqualTo("tool");
        assertThat(messages.get(3).path("tool_call_id").asString()).isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
        assertThat(messages.get(3).path("content").asString()).isEqualTo("{\"status\":\"failed\"}");
    }

    @Test
    void midTurnTheHistoryWithTheOpenAiToolCallIsTranslatedForAnthropic() {
        Session user = newUser("Mid-turn reversed");
        answer(openai, COMPLETIONS, events("openai/tool-calls.sse"));
        answer(anthropic, MESSAGES, events("anthropic/after-tool.sse"));
        ModelGateway gateway = gateway();
        ModelRequest first = new ModelRequest(context(user), "You are Debugger.",
                List.of(ModelMessage.user("Why did my deploy fail?")), List.of(LIST_EXECUTIONS),
                ModelPreference.of("gpt-4.1"), 1024, null);
        ModelResponse toolTurn = gateway.stream(first, new Recorder());
        ToolUseBlock call = toolTurn.toolCalls().getFirst();
        answer(openai, COMPLETIONS, error(500, "openai/server-error.json"));

        ModelResponse done = gateway.stream(first.then(toolTurn.asMessage(), ModelMessage.user(List.of(
                new ToolResultBlock(call.id(), "{\"status\":\"failed\"}", false)))), new Recorder());

        assertThat(toolTurn.provider()).isEqualTo("openai");
        assertThat(done.provider()).isEqualTo("anthropic");
        // One success and two failures make three attempts at 67 % failures: the circuit opens before a third try.
        assertThat(done.fallbacks()).extracting(FallbackNotice::reason)
                .containsExactly("failed (500) after 2 attempts, then its circuit opened");
        assertThat(requests(openai, COMPLETIONS)).isEqualTo(3);
        JsonNode messages = bodies(anthropic, MESSAGES).getFirst().path("messages");
        assertThat(messages).hasSize(3);
        JsonNode toolUse = messages.get(1).path("content").get(0);
        assertThat(messages.get(1).path("role").asString()).isEqualTo("assistant");
        assertThat(toolUse.path("type").asString()).isEqualTo("tool_use");
        assertThat(toolUse.path("id").asString()).isEqualTo("call_DdmO9pD3xa9XTPNJ32zg2hcA");
        assertThat(toolUse.path("input").path("workflow").asString()).isEqualTo("deploy");
        JsonNode result = messages.get(2).path("content").get(0);
        assertThat(messages.get(2).path("role").asString()).isEqualTo("user");
        assertThat(result.path("type").asString()).isEqualTo("tool_result");
        assertThat(result.path("tool_use_id").asString()).isEqualTo("call_DdmO9pD3xa9XTPNJ32zg2hcA");
    }

    @Test
    void bothProvidersFailingGiveOneErrorNamingEachAfterABoundedNumberOfRequests() {
        Session user = newUser("Unlucky");
        answer(anthropic, MESSAGES, error(529, "anthropic/overloaded.json"));
        answer(openai, COMPLETIONS, error(500, "openai/server-error.json"));
        Recorder listener = new Recorder();

        ModelCallFailed failed = catchThrowableOfType(ModelCallFailed.class,
                () -> gateway().stream(ask(context(user), "Hi"), listener));

        assertThat(failed.code()).isEqualTo("providers-unavailable");
        assertThat(failed.status().value()).isEqualTo(503);
        assertThat(failed.attempts()).containsExactly(
                new ModelCallFailed.Attempt("anthropic", "was overloaded (529) after 3 attempts"),
                new ModelCallFailed.Attempt("openai", "failed (500) after 3 attempts"));
        assertThat(failed.getMessage()).isEqualTo("No model provider could answer: anthropic was overloaded (529) "
                + "after 3 attempts; openai failed (500) after 3 attempts.");
        assertThat(failed.partial()).isNull();
        assertThat(requests(anthropic, MESSAGES)).isEqualTo(3);
        assertThat(requests(openai, COMPLETIONS)).isEqualTo(3);
        assertThat(listener.texts).isEmpty();
    }

    @Test
    void aRequestTheProviderRefusesIsNeitherRetriedNorSentElsewhere() {
        Session user = newUser("Verbose");
        answer(anthropic, MESSAGES, error(400, "anthropic/context-too-long.json"));
        answer(openai, COMPLETIONS, events("openai/text.sse"));

        ModelCallFailed failed = catchThrowableOfType(ModelCallFailed.class,
                () -> gateway().stream(ask(context(user), "a very long prompt"), new Recorder()));

        assertThat(failed.code()).isEqualTo("bad-request");
        assertThat(failed.status().value()).isEqualTo(400);
        assertThat(failed.getMessage()).contains("prompt is too long: 215037 tokens > 200000 maximum");
        assertThat(requests(anthropic, MESSAGES)).isEqualTo(1);
        assertThat(requests(openai, COMPLETIONS)).isZero();
        assertThat(calls.ofUser(new UserId(user.id()))).extracting(LlmCalls.Call::outcome).containsExactly("rejected");
    }

    @Test
    void aRefusedKeyIsNotRetriedButFallsBackAndIsNamed() {
        Session user = newUser("Bad key");
        answer(anthropic, MESSAGES, error(401, "anthropic/unauthorized.json"));
        answer(openai, COMPLETIONS, events("openai/text.sse"));

        ModelResponse response = gateway().stream(ask(context(user), "Hi"), new Recorder());

        assertThat(response.provider()).isEqualTo("openai");
        assertThat(response.fallbacks()).containsExactly(new FallbackNotice("anthropic", "openai",
                "rejected the instance API key (401)"));
        assertThat(requests(anthropic, MESSAGES)).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aRetryAfterLongerThanTheLimitMovesOnAtOnce() {
        Session user = newUser("Impatient");
        answer(anthropic, MESSAGES, error(429, "anthropic/rate-limited.json").withHeader("retry-after", "120"));
        answer(openai, COMPLETIONS, events("openai/text.sse"));

        ModelResponse response = gateway().stream(ask(context(user), "Hi"), new Recorder());

        assertThat(response.provider()).isEqualTo("openai");
        assertThat(response.fallbacks()).extracting(FallbackNotice::reason)
                .containsExactly("was rate limited (429) and asked to wait 120 s");
        assertThat(requests(anthropic, MESSAGES)).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsRetriedAndThenFallenBackFrom() {
        Session user = newUser("Waiting");
        answer(anthropic, MESSAGES, events("anthropic/text.sse").withFixedDelay(3_000));
        answer(openai, COMPLETIONS, events("openai/text.sse"));
        LlmSettings base = settings();
        ModelGateway gateway = gateway(new LlmSettings(new LlmSettings.Provider(true, base.anthropic().baseUrl(),
                ANTHROPIC_KEY, null, Duration.ofMillis(300)), base.openai(), base.compatible(), base.chain(), Map.of(),
                base.budgets(), base.resilience(), false));

        ModelResponse response = gateway.stream(ask(context(user), "Hi"), new Recorder());

        assertThat(response.provider()).isEqualTo("openai");
        assertThat(response.fallbacks()).extracting(FallbackNotice::reason)
                .containsExactly("did not answer within 300 ms after 3 attempts");
        assertThat(requests(anthropic, MESSAGES)).isEqualTo(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void completeRetriesAnAnswerThatBrokeOffBecauseNobodySawIt() {
        Session user = newUser("Batch");
        answer(anthropic, post(urlEqualTo(MESSAGES)).inScenario("broken").whenScenarioStateIs(STARTED)
                .willReturn(events("anthropic/broken-after-first-token.sse")).willSetStateTo("fine"));
        answer(anthropic, post(urlEqualTo(MESSAGES)).inScenario("broken").whenScenarioStateIs("fine")
                .willReturn(events("anthropic/text.sse")));

        ModelResponse response = gateway().complete(ask(context(user), "Summarise"));

        assertThat(response.text()).isEqualTo("Hello, I am Nexy.");
        assertThat(requests(anthropic, MESSAGES)).isEqualTo(2);
    }
}
