package dev.nex7.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.nex7.identity.UserId;
import dev.nex7.integration.LocalHttpServer;
import dev.nex7.llm.persistence.LlmCalls;
import dev.nex7.support.Api;

/**
 * The stop-generation button: interrupting the calling virtual thread ends a stream that is still
 * going, and what it used so far is recorded. The fake Anthropic here sends the start of an answer
 * and then nothing more until it is shut down.
 */
class ModelGatewayCancellationIntegrationTests extends LlmIntegrationTest {

    @Test
    void interruptingTheCallingThreadStopsTheStreamAndRecordsThePartialUsage() throws Exception {
        Session user = newUser("Stopper");
        String start = resource("anthropic/text.sse");
        String untilFirstDelta = start.substring(0, start.indexOf("event: content_block_delta", start.indexOf("Hello")));
        try (LocalHttpServer slow = LocalHttpServer.start()) {
            slow.onStream(MESSAGES, "text/event-stream", (request, out) -> {
                out.send(untilFirstDelta);
                slow.awaitClose();
            });
            api.post("/api/admin/outbound-allow-list").token(admin().accessToken())
                    .json(Api.map("entry", "127.0.0.1:" + slow.port())).send();
            LlmSettings base = settings();
            LlmSettings settings = new LlmSettings(LlmSettings.Provider.of(URI.create(slow.origin()), ANTHROPIC_KEY,
                    null), base.openai(), base.compatible(), base.chain(), Map.of(), base.budgets(), base.resilience(),
                    false);
            ModelGateway gateway = gateway(settings);
            CountDownLatch firstText = new CountDownLatch(1);
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            AtomicBoolean stillInterrupted = new AtomicBoolean();

            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    gateway.stream(ask(context(user), "Tell me everything"), delta -> firstText.countDown());
                } catch (Throwable failure) {
                    outcome.set(failure);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            firstText.await();
            caller.interrupt();
            caller.join();

            assertThat(outcome.get()).isInstanceOf(ModelCallFailed.class);
            ModelCallFailed cancelled = (ModelCallFailed) outcome.get();
            assertThat(cancelled.code()).isEqualTo("cancelled");
            assertThat(cancelled.partial().text()).isEqualTo("Hello");
            assertThat(stillInterrupted).isTrue();
            assertThat(requests(openai, COMPLETIONS)).isZero();
            List<LlmCalls.Call> recorded = calls.ofUser(new UserId(user.id()));
            assertThat(recorded).singleElement().satisfies(call -> {
                assertThat(call.outcome()).isEqualTo("cancelled");
                assertThat(call.inputTokens()).isEqualTo(1200);
                assertThat(call.outputTokens()).isEqualTo(2);
                assertThat(call.costUsd()).isPositive();
            });
        }
    }
}
