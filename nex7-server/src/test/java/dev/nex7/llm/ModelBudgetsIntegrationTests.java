package dev.nex7.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;

/** Monthly budgets per project and per user, enforced before any request reaches a provider. */
class ModelBudgetsIntegrationTests extends LlmIntegrationTest {

    @Test
    void aProjectOverItsBudgetIsRefusedBeforeAnyRequestUntilTheMonthTurns() {
        Session owner = newUser("Frugal owner");
        ProjectId project = project(owner, "Frugal");
        Response set = api.put("/api/projects/" + project + "/llm").token(owner.accessToken())
                .json(Api.map("monthlyBudgetUsd", 0.01)).send();
        answer(anthropic, MESSAGES, events("anthropic/text.sse"));
        ModelGateway gateway = gateway();

        ModelResponse first = gateway.stream(ask(context(owner, project), "Hi"), new Recorder());
        ModelCallFailed refused = catchThrowableOfType(ModelCallFailed.class,
                () -> gateway.stream(ask(context(owner, project), "Again"), new Recorder()));
        int requestsWhenRefused = requests(anthropic, MESSAGES);
        Instant resets = nextMonth();
        clock.advance(Duration.between(clock.instant(), resets).plusMinutes(1));
        ModelResponse nextMonth = gateway.stream(ask(context(owner, project), "New month"), new Recorder());

        assertThat(set.status()).isEqualTo(200);
        assertThat(first.costUsd()).isEqualByComparingTo("0.0156");
        assertThat(refused.code()).isEqualTo("budget-exceeded");
        assertThat(refused.status().value()).isEqualTo(429);
        assertThat(refused.budget().scope()).isEqualTo("project");
        assertThat(refused.budget().usedUsd()).isEqualByComparingTo("0.0156");
        assertThat(refused.budget().limitUsd()).isEqualByComparingTo("0.01");
        assertThat(refused.budget().resetsAt()).isEqualTo(resets);
        assertThat(refused.getMessage()).contains("project's monthly model budget is spent")
                .contains("$0.0156 of $0.0100");
        assertThat(refused.properties()).containsEntry("budget", "project").containsKey("resetsAt");
        assertThat(refused.headers()).containsKey("Retry-After");
        assertThat(requestsWhenRefused).isEqualTo(1);
        assertThat(nextMonth.text()).isEqualTo("Hello, I am Nexy.");
        assertThat(requests(anthropic, MESSAGES)).isEqualTo(2);
    }

    @Test
    void aUserOverTheBudgetAnAdministratorSetIsRefusedBeforeAnyRequestInEveryProject() {
        Session user = newUser("Spender");
        ProjectId project = project(user, "Spender's");
        Response set = api.put("/api/admin/llm/users/" + user.id() + "/budget").token(admin().accessToken())
                .json(Api.map("monthlyBudgetUsd", 0.01)).send();
        answer(anthropic, MESSAGES, events("anthropic/text.sse"));
        ModelGateway gateway = gateway();

        gateway.stream(ask(context(user), "Hi"), new Recorder());
        ModelCallFailed withoutProject = catchThrowableOfType(ModelCallFailed.class,
                () -> gateway.stream(ask(context(user), "Again"), new Recorder()));
        ModelCallFailed inProject = catchThrowableOfType(ModelCallFailed.class,
                () -> gateway.stream(ask(context(user, project), "Elsewhere"), new Recorder()));
        Response budget = api.get("/api/admin/llm/users/" + user.id() + "/budget").token(admin().accessToken()).send();

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().path("source").asString()).isEqualTo("user");
        assertThat(withoutProject.code()).isEqualTo("budget-exceeded");
        assertThat(withoutProject.budget().scope()).isEqualTo("user");
        assertThat(inProject.budget().scope()).isEqualTo("user");
        assertThat(requests(anthropic, MESSAGES)).isEqualTo(1);
        assertThat(budget.json().path("spentThisMonthUsd").decimalValue()).isEqualByComparingTo("0.0156");
        assertThat(budget.json().path("monthlyBudgetUsd").decimalValue()).isEqualByComparingTo("0.01");
    }

    @Test
    void theDefaultBudgetsFromSettingsApplyWhenNothingElseIsSet() {
        Session user = newUser("Defaulted");
        answer(anthropic, MESSAGES, events("anthropic/text.sse"));
        ModelGateway gateway = gateway(settings(new LlmSettings.Budgets(BigDecimal.ZERO, null)));

        ModelCallFailed refused = catchThrowableOfType(ModelCallFailed.class,
                () -> gateway.stream(ask(context(user), "Hi"), new Recorder()));

        assertThat(refused.code()).isEqualTo("budget-exceeded");
        assertThat(refused.budget().limitUsd()).isEqualByComparingTo("0");
        assertThat(requests(anthropic, MESSAGES)).isZero();
    }

    @Test
    void removingAUsersOwnBudgetBringsBackTheDefault() {
        Session user = newUser("Forgiven");
        String admin = admin().accessToken();
        api.put("/api/admin/llm/users/" + user.id() + "/budget").token(admin).json(Api.map("monthlyBudgetUsd", 5))
                .send();

        Response removed = api.put("/api/admin/llm/users/" + user.id() + "/budget").token(admin)
                .json("{\"monthlyBudgetUsd\": null}").send();

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().path("source").asString()).isEqualTo("none");
        assertThat(removed.json().path("monthlyBudgetUsd").isNull()).isTrue();
    }

    @Test
    void onlyAdministratorsSeeOrSetUserBudgetsAndBadInputIsAProblem() {
        Session user = newUser("Curious spender");
        String admin = admin().accessToken();
        String path = "/api/admin/llm/users/" + user.id() + "/budget";

        Response byUser = api.put(path).token(user.accessToken()).json(Api.map("monthlyBudgetUsd", 1000)).send();
        Response negative = api.put(path).token(admin).json(Api.map("monthlyBudgetUsd", -1)).send();
        Response fractions = api.put(path).token(admin).json(Api.map("monthlyBudgetUsd", 0.001)).send();
        Response unknownUser = api.get("/api/admin/llm/users/" + java.util.UUID.randomUUID() + "/budget").token(admin)
                .send();
        Response garbled = api.put(path).token(admin).json("{\"monthlyBudgetUsd\": \"lots\"}").send();

        assertThat(byUser.status()).isEqualTo(403);
        assertThat(negative.status()).isEqualTo(400);
        assertThat(Api.fields(negative)).containsExactly("monthlyBudgetUsd");
        assertThat(fractions.status()).isEqualTo(400);
        assertThat(unknownUser.status()).isEqualTo(404);
        assertThat(unknownUser.problemType()).isEqualTo("user-not-found");
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(api.get(path).token(admin).send().json().path("source").asString()).isEqualTo("none");
    }

    private Instant nextMonth() {
        return YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC)).plusMonths(1).atDay(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC);
    }
}
