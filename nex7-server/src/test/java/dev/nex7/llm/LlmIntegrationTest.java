package dev.nex7.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.nex7.identity.UserId;
import dev.nex7.llm.accounting.Budgets;
import dev.nex7.llm.accounting.Ledger;
import dev.nex7.llm.persistence.LlmCalls;
import dev.nex7.llm.provider.ModelClients;
import dev.nex7.llm.resilience.Breakers;
import dev.nex7.llm.resilience.Pause;
import dev.nex7.llm.routing.Routes;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the gateway's integration tests: a fake Anthropic and a fake OpenAI (WireMock on
 * 127.0.0.1, opened for outbound HTTP through the administrators' allow-list, as an administrator
 * would open a local Ollama) serving recorded-format answers, and gateways built from the running
 * application's parts with settings of the test's choosing, their own circuit breakers, and a pause
 * that records the waits between attempts instead of sleeping.
 */
abstract class LlmIntegrationTest extends IntegrationTest {

    static final String ANTHROPIC_KEY = "sk-ant-api03-test-anthropic-key-0001";
    static final String OPENAI_KEY = "sk-proj-test-openai-key-0001";
    static final String MESSAGES = "/v1/messages";
    static final String COMPLETIONS = "/v1/chat/completions";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static WireMockServer anthropic;
    static WireMockServer openai;

    @Autowired
    Routes routes;
    @Autowired
    Budgets budgets;
    @Autowired
    Ledger ledger;
    @Autowired
    ModelClients clients;
    @Autowired
    LlmCalls calls;
    @Autowired
    Clock springClock;

    /** The waits between attempts the gateways asked for, in order. */
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final Pause recordingPause = waits::add;

    @BeforeAll
    static void startFakes() {
        if (anthropic == null) {
            anthropic = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            openai = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            anthropic.start();
            openai.start();
        }
    }

    @BeforeEach
    void openFakesAndReset() {
        anthropic.resetAll();
        openai.resetAll();
        waits.clear();
        String admin = admin().accessToken();
        for (WireMockServer fake : List.of(anthropic, openai)) {
            // 409 when an earlier test class opened it already: either way it is open.
            api.post("/api/admin/outbound-allow-list").token(admin).json(Api.map("entry", "127.0.0.1:" + fake.port()))
                    .send();
        }
    }

    /** Anthropic first, then OpenAI, both on the fakes, with fast backoff and a breaker that opens after 3 failures. */
    LlmSettings settings() {
        return settings(new LlmSettings.Budgets(null, null));
    }

    LlmSettings settings(LlmSettings.Budgets budgets) {
        return new LlmSettings(
                LlmSettings.Provider.of(URI.create("http://127.0.0.1:" + anthropic.port()), ANTHROPIC_KEY, null),
                LlmSettings.Provider.of(URI.create("http://127.0.0.1:" + openai.port()), OPENAI_KEY, null),
                LlmSettings.Provider.none(),
                List.of("anthropic", "openai"), Map.of(), budgets,
                new LlmSettings.Resilience(2, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(20), 50,
                        3, 10, Duration.ofSeconds(30), 1),
                false);
    }

    /** A gateway on {@code settings}, with its own circuit breakers on the test clock. */
    ModelGateway gateway(LlmSettings settings) {
        return new ModelGateway(settings, routes, budgets, ledger, clients,
                new Breakers(settings.resilience(), springClock), recordingPause);
    }

    ModelGateway gateway() {
        return gateway(settings());
    }

    static CallContext context(Session user) {
        return new CallContext(new UserId(user.id()), null, "nexy", "chat");
    }

    static CallContext context(Session user, ProjectId project) {
        return new CallContext(new UserId(user.id()), project, "dev", "chat");
    }

    static ModelRequest ask(CallContext context, String question) {
        return ModelRequest.ask(context, "You are Nexy, NEX7's guide.", question, 1024);
    }

    /** A project the user owns. */
    ProjectId project(Session owner, String name) {
        String id = api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", name, "type", "web"))
                .send().json().path("id").asString();
        return new ProjectId(java.util.UUID.fromString(id));
    }

    static void answer(WireMockServer fake, String path, ResponseDefinitionBuilder response) {
        fake.stubFor(post(urlEqualTo(path)).willReturn(response));
    }

    static void answer(WireMockServer fake, MappingBuilder mapping) {
        fake.stubFor(mapping);
    }

    /** A 200 server-sent event stream from a recorded answer. */
    static ResponseDefinitionBuilder events(String resource) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream; charset=utf-8")
                .withHeader("Cache-Control", "no-cache").withBody(resource(resource));
    }

    /** An error answer with a recorded JSON body. */
    static ResponseDefinitionBuilder error(int status, String resource) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(resource(resource));
    }

    static String resource(String name) {
        try (InputStream in = LlmIntegrationTest.class.getResourceAsStream("/llm/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource llm/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int requests(WireMockServer fake, String path) {
        return fake.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    /** The JSON bodies {@code fake} received at {@code path}, in order. */
    static List<JsonNode> bodies(WireMockServer fake, String path) {
        return fake.findAll(postRequestedFor(urlEqualTo(path))).stream().map(LoggedRequest::getBodyAsString)
                .map(JSON::readTree).toList();
    }

    /** Collects what a gateway streams. */
    static final class Recorder implements StreamListener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<ToolUseBlock> tools = new CopyOnWriteArrayList<>();
        final List<FallbackNotice> fallbacks = new CopyOnWriteArrayList<>();

        @Override
        public void text(String delta) {
            texts.add(delta);
        }

        @Override
        public void toolUse(ToolUseBlock call) {
            tools.add(call);
        }

        @Override
        public void fallback(FallbackNotice notice) {
            fallbacks.add(notice);
        }

        String text() {
            return String.join("", texts);
        }
    }
}
