package dev.nex7.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.client.WireMock;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import tools.jackson.databind.JsonNode;

/**
 * The gateway as the running application has it (no provider configured, as on a fresh install) and
 * its HTTP endpoints: status, usage reports and project settings, with their permission checks and
 * Problem Details for bad input.
 */
class LlmApiIntegrationTests extends LlmIntegrationTest {

    @Autowired
    ModelGateway applicationGateway;

    @Test
    void withoutAnyProviderTheStatusSaysSoAndACallFailsWithNoProvider() {
        Session user = newUser("Newcomer");

        Response status = api.get("/api/llm/status").token(user.accessToken()).send();
        ModelCallFailed failed = catchThrowableOfType(ModelCallFailed.class,
                () -> applicationGateway.stream(ask(context(user), "Hi"), new Recorder()));

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("configured").asBoolean()).isFalse();
        assertThat(status.json().path("howToConfigure").asString()).contains("NEX7_LLM_ANTHROPIC_API_KEY")
                .contains("NEX7_LLM_OPENAI_API_KEY").contains("NEX7_LLM_COMPATIBLE_BASE_URL");
        assertThat(status.json().path("chain").valueStream().map(JsonNode::asString).toList())
                .containsExactly("anthropic", "openai", "compatible");
        assertThat(status.json().path("providers").valueStream().map(p -> p.path("usable").asBoolean()).toList())
                .containsOnly(false);
        assertThat(status.json().path("providers").get(0).path("problem").asString())
                .contains("NEX7_LLM_ANTHROPIC_API_KEY");
        assertThat(failed.code()).isEqualTo("no-provider");
        assertThat(failed.status().value()).isEqualTo(503);
        assertThat(failed.getMessage()).contains("nex7.llm.anthropic.api-key").contains("NEX7_LLM_OPENAI_API_KEY");
        assertThat(api.get("/api/llm/status").send().status()).isEqualTo(401);
    }

    @Test
    void aProjectThatBringsItsOwnKeyCanCallThroughTheApplicationsGateway() {
        Session owner = newUser("Own key");
        ProjectId project = project(owner, "Own key");
        String credential = api.post("/api/projects/" + project + "/credentials").token(owner.accessToken())
                .json(Api.map("kind", "openai", "name", "Team OpenAI", "data", Api.map("apiKey", "sk-proj-team-key-42",
                        "baseUrl", "http://127.0.0.1:" + openai.port())))
                .send().json().path("id").asString();
        Response saved = api.put("/api/projects/" + project + "/llm").token(owner.accessToken())
                .json(Api.map("credentials", Api.map("openai", credential))).send();
        answer(openai, COMPLETIONS, events("openai/text.sse"));

        Response status = api.get("/api/llm/status?projectId=" + project).token(owner.accessToken()).send();
        ModelResponse response = applicationGateway.stream(ask(context(owner, project), "Hi"), new Recorder());

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().path("credentials").path("openai").asString()).isEqualTo(credential);
        assertThat(status.json().path("configured").asBoolean()).isTrue();
        JsonNode openaiStatus = status.json().path("providers").get(1);
        assertThat(openaiStatus.path("name").asString()).isEqualTo("openai");
        assertThat(openaiStatus.path("usable").asBoolean()).isTrue();
        assertThat(openaiStatus.path("keySource").asString()).isEqualTo("project");
        assertThat(openaiStatus.path("model").asString()).isEqualTo("gpt-4.1");
        assertThat(status.text()).doesNotContain("sk-proj-team-key-42");
        assertThat(response.provider()).isEqualTo("openai");
        assertThat(openai.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo(COMPLETIONS))).getFirst()
                .getHeader("Authorization")).isEqualTo("Bearer sk-proj-team-key-42");
    }

    @Test
    void membersReadTheProjectSettingsAndOnlyOwnersChangeThem() {
        Session owner = newUser("Settings owner");
        Session editor = newUser("Settings editor");
        Session stranger = newUser("Stranger");
        ProjectId project = project(owner, "Settings");
        api.post("/api/projects/" + project + "/members").token(owner.accessToken())
                .json(Api.map("email", editor.email(), "role", "editor")).send();
        String path = "/api/projects/" + project + "/llm";
        Map<String, Object> settings = Api.map("chain", List.of("openai", "anthropic"), "models",
                Api.map("anthropic", "claude-haiku-4-5"), "monthlyBudgetUsd", 25.5);

        Response empty = api.get(path).token(editor.accessToken()).send();
        Response byEditor = api.put(path).token(editor.accessToken()).json(settings).send();
        Response byStranger = api.get(path).token(stranger.accessToken()).send();
        Response byOwner = api.put(path).token(owner.accessToken()).json(settings).send();
        Response read = api.get(path).token(editor.accessToken()).send();
        Response status = api.get("/api/llm/status?projectId=" + project).token(editor.accessToken()).send();
        Response strangerStatus = api.get("/api/llm/status?projectId=" + project).token(stranger.accessToken()).send();

        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().path("chain")).isEmpty();
        assertThat(empty.json().path("monthlyBudgetUsd").isNull()).isTrue();
        assertThat(empty.json().path("spentThisMonthUsd").decimalValue()).isEqualByComparingTo("0");
        assertThat(byEditor.status()).isEqualTo(403);
        assertThat(byEditor.problemType()).isEqualTo("project-role-too-low");
        assertThat(byStranger.status()).isEqualTo(404);
        assertThat(byOwner.status()).isEqualTo(200);
        assertThat(read.json().path("chain").valueStream().map(JsonNode::asString).toList())
                .containsExactly("openai", "anthropic");
        assertThat(read.json().path("models").path("anthropic").asString()).isEqualTo("claude-haiku-4-5");
        assertThat(read.json().path("monthlyBudgetUsd").decimalValue()).isEqualByComparingTo("25.5");
        assertThat(status.json().path("chain").valueStream().map(JsonNode::asString).toList())
                .containsExactly("openai", "anthropic");
        assertThat(status.json().path("providers").get(0).path("model").asString()).isEqualTo("claude-haiku-4-5");
        assertThat(strangerStatus.status()).isEqualTo(404);
    }

    @Test
    void invalidProjectSettingsAreRefusedWithEveryFieldNamedAndChangeNothing() {
        Session owner = newUser("Careless owner");
        ProjectId project = project(owner, "Careless");
        ProjectId other = project(owner, "Other");
        String bearer = credential(owner, project, "http-bearer", Api.map("token", "t-1"));
        String elsewhere = credential(owner, other, "anthropic", Api.map("apiKey", "sk-ant-elsewhere"));
        String path = "/api/projects/" + project + "/llm";

        Response invalid = api.put(path).token(owner.accessToken()).json(Api.map(
                "chain", List.of("anthropic", "gemini", "anthropic"),
                "models", Api.map("mistral", "large", "openai", "gpt 4 with spaces"),
                "credentials", Api.map("openai", bearer, "anthropic", elsewhere, "compatible", "not-a-uuid"),
                "monthlyBudgetUsd", -3)).send();
        Response unknownField = api.put(path).token(owner.accessToken()).json(Api.map("budget", 3)).send();
        Response garbled = api.put(path).token(owner.accessToken()).json("{ not json").send();

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.problemType()).isEqualTo("validation-failed");
        assertThat(Api.fields(invalid)).containsExactlyInAnyOrder("chain[1]", "chain[2]", "models.mistral",
                "models.openai", "credentials.openai", "credentials.anthropic", "credentials.compatible",
                "monthlyBudgetUsd");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(Api.fields(unknownField)).containsExactly("budget");
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(garbled.problemType()).isEqualTo("malformed-request");
        assertThat(api.get(path).token(owner.accessToken()).send().json().path("chain")).isEmpty();
    }

    @Test
    void usageIsReportedToUsersForTheirOwnCallsToOwnersForTheirProjectAndToAdminsForAll() {
        Session owner = newUser("Report owner");
        Session member = newUser("Report member");
        ProjectId project = project(owner, "Reports");
        api.post("/api/projects/" + project + "/members").token(owner.accessToken())
                .json(Api.map("email", member.email(), "role", "editor")).send();
        answer(anthropic, MESSAGES, events("anthropic/text.sse"));
        ModelGateway gateway = gateway();
        gateway.stream(ask(context(owner, project), "one"), new Recorder());
        gateway.stream(ask(context(member, project), "two"), new Recorder());
        gateway.stream(ask(new CallContext(new UserId(member.id()), null, null, "summary"), "three"), new Recorder());

        Response own = api.get("/api/llm/usage").token(member.accessToken()).send();
        Response memberInProject = api.get("/api/llm/usage?projectId=" + project).token(member.accessToken()).send();
        Response ownerInProject = api.get("/api/llm/usage?projectId=" + project + "&groupBy=user")
                .token(owner.accessToken()).send();
        Response byAgent = api.get("/api/llm/usage?projectId=" + project + "&groupBy=agent").token(owner.accessToken())
                .send();
        Response admin = api.get("/api/llm/usage?projectId=" + project + "&groupBy=day").token(admin().accessToken())
                .send();

        assertThat(own.json().path("scope").asString()).isEqualTo("own");
        assertThat(own.json().path("groupBy").asString()).isEqualTo("model");
        assertThat(own.json().path("total").path("calls").asLong()).isEqualTo(2);
        assertThat(own.json().path("total").path("inputTokens").asLong()).isEqualTo(2400);
        assertThat(own.json().path("total").path("costUsd").decimalValue()).isEqualByComparingTo("0.0312");
        assertThat(own.json().path("groups").get(0).path("key").asString())
                .isEqualTo("anthropic:claude-sonnet-4-5-20250929");
        assertThat(memberInProject.json().path("scope").asString()).isEqualTo("own");
        assertThat(memberInProject.json().path("total").path("calls").asLong()).isEqualTo(1);
        assertThat(ownerInProject.json().path("scope").asString()).isEqualTo("project");
        assertThat(ownerInProject.json().path("groups").valueStream().map(g -> g.path("key").asString()).toList())
                .containsExactlyInAnyOrder(owner.id().toString(), member.id().toString());
        assertThat(byAgent.json().path("groups").get(0).path("key").asString()).isEqualTo("dev");
        assertThat(byAgent.json().path("groups").get(0).path("calls").asLong()).isEqualTo(2);
        assertThat(admin.json().path("scope").asString()).isEqualTo("all");
        assertThat(admin.json().path("groups").get(0).path("key").asString())
                .isEqualTo(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
        assertThat(admin.json().path("total").path("calls").asLong()).isEqualTo(2);
    }

    @Test
    void badUsageQueriesAreProblemsAndStrangersGetNotFound() {
        Session user = newUser("Reporter");
        Session owner = newUser("Private owner");
        ProjectId project = project(owner, "Private");

        Response grouping = api.get("/api/llm/usage?groupBy=weather").token(user.accessToken()).send();
        Response reversed = api.get("/api/llm/usage?from=2026-03-01&to=2026-02-01").token(user.accessToken()).send();
        Response notADate = api.get("/api/llm/usage?from=yesterday").token(user.accessToken()).send();
        Response tooLong = api.get("/api/llm/usage?from=2020-01-01&to=2026-01-01").token(user.accessToken()).send();
        Response stranger = api.get("/api/llm/usage?projectId=" + project).token(user.accessToken()).send();
        Response badProject = api.get("/api/llm/usage?projectId=" + UUID.randomUUID()).token(user.accessToken()).send();

        assertThat(grouping.status()).isEqualTo(400);
        assertThat(Api.fields(grouping)).containsExactly("groupBy");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(Api.fields(reversed)).containsExactly("to");
        assertThat(notADate.status()).isEqualTo(400);
        assertThat(Api.fields(notADate)).containsExactly("from");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.problemType()).isEqualTo("project-not-found");
        assertThat(badProject.status()).isEqualTo(404);
    }

    @Test
    void callsAreCountedInTheMetricsWithProviderModelAndOutcome() {
        Session user = newUser("Measured");
        answer(anthropic, MESSAGES, events("anthropic/text.sse"));
        gateway().stream(ask(context(user), "Hi"), new Recorder());

        String metrics = api.get("/actuator/prometheus").token(admin().accessToken()).send().text();

        assertThat(metrics).containsPattern("nex7_llm_requests_total\\{[^}]*model=\"claude-sonnet-4-5-20250929\""
                + "[^}]*outcome=\"ok\"[^}]*provider=\"anthropic\"");
        assertThat(metrics).containsPattern("nex7_llm_tokens_total\\{[^}]*direction=\"output\"");
        assertThat(metrics).contains("nex7_llm_request_duration_seconds_bucket");
        assertThat(metrics).contains("nex7_llm_time_to_first_token_seconds_bucket");
    }

    private String credential(Session owner, ProjectId project, String kind, Map<String, Object> data) {
        return api.post("/api/projects/" + project + "/credentials").token(owner.accessToken())
                .json(Api.map("kind", kind, "name", kind + "-" + UUID.randomUUID(), "data", data)).send().json()
                .path("id").asString();
    }
}
