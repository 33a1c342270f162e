package dev.nex7.workflow.trigger;

import static dev.nex7.workflow.WorkflowFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import tools.jackson.databind.JsonNode;

class ScheduleTriggerIntegrationTests extends TriggerIntegrationTest {

    @Autowired
    ScheduleTicker ticker;

    /** A whole minute some hours from now, and a daily cron (UTC) for it: nothing fires before the test moves the clock. */
    record Daily(Instant at, String cron) {
        static Daily in(Instant now, Duration ahead) {
            Instant at = now.plus(ahead).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
            var utc = at.atZone(java.time.ZoneOffset.UTC);
            return new Daily(at, utc.getMinute() + " " + utc.getHour() + " * * *");
        }
    }

    static Map<String, Object> scheduled(String cron, String recover) {
        return definition()
                .node("clock", "schedule-trigger", Api.map("cron", cron, "timezone", "UTC", "recoverMissed", recover))
                .node("echo", "set", Map.of("fields", List.of(Map.of("name", "at", "value", "{{ scheduledAt }}"))))
                .edge("clock", "echo")
                .build();
    }

    void moveClockTo(Instant target) {
        clock.advance(Duration.between(clock.instant(), target));
    }

    @Test
    void aDueScheduleFiresExactlyOnceWhenManyInstancesTickAtTheSameMoment() throws Exception {
        Session owner = newUser("Scheduler");
        Daily daily = Daily.in(clock.instant(), Duration.ofHours(12));
        String workflow = activeWorkflow(owner, project(owner), "Nightly", scheduled(daily.cron(), "none"));
        JsonNode registered = triggers(owner, workflow).path("schedules").get(0);

        moveClockTo(daily.at().plusSeconds(20));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> ticks = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            ticks.add(pool.submit(() -> {
                start.await();
                return ticker.tick();
            }));
        }
        start.countDown();
        int queued = 0;
        for (Future<Integer> tick : ticks) {
            queued += tick.get();
        }
        pool.shutdown();
        Session later = login(owner.email());
        List<JsonNode> runs = awaitFinishedExecutions(later, workflow, 1);
        JsonNode run = detail(later, runs.getFirst().path("id").asString());

        assertThat(registered.path("nextFireAt").asString()).isEqualTo(daily.at().toString());
        // The application's own ticker may win the race; either way there is one execution, never two.
        assertThat(queued).isLessThanOrEqualTo(1);
        assertThat(runs).hasSize(1);
        assertThat(run.path("execution").path("mode").asString()).isEqualTo("schedule");
        assertThat(run.path("execution").path("version").asInt()).isEqualTo(1);
        assertThat(run.path("execution").path("status").asString()).isEqualTo("succeeded");
        assertThat(output(run, "clock").path("scheduledAt").asString()).isEqualTo(daily.at().toString());
        assertThat(output(run, "clock").path("timezone").asString()).isEqualTo("UTC");
        assertThat(Instant.parse(output(run, "clock").path("firedAt").asString())).isAfter(daily.at());
        assertThat(output(run, "echo").path("at").asString()).isEqualTo(daily.at().toString());
        assertThat(triggers(later, workflow).path("schedules").get(0).path("nextFireAt").asString())
                .isEqualTo(daily.at().plus(Duration.ofDays(1)).toString());
    }

    @Test
    void timesMissedWhileNothingRanFollowEachSchedulesRecoverPolicy() {
        Session owner = newUser("Sleeper");
        String project = project(owner);
        Daily daily = Daily.in(clock.instant(), Duration.ofHours(12));
        String none = activeWorkflow(owner, project, "None", scheduled(daily.cron(), "none"));
        String last = activeWorkflow(owner, project, "Last", scheduled(daily.cron(), "last"));
        String all = activeWorkflow(owner, project, "All", scheduled(daily.cron(), "all"));

        // Four daily times pass while "no instance runs"; the last of them an hour ago, so all four were missed.
        Instant wakeUp = daily.at().plus(Duration.ofDays(3)).plus(Duration.ofHours(1));
        moveClockTo(wakeUp);
        ticker.tick();
        Session later = login(owner.email());
        List<JsonNode> allRuns = awaitFinishedExecutions(later, all, 4);
        List<JsonNode> lastRuns = awaitFinishedExecutions(later, last, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.parse(triggers(later, none).path("schedules").get(0)
                .path("nextFireAt").asString()).isAfter(wakeUp));

        assertThat(executions(later, none)).isEmpty();
        assertThat(output(detail(later, lastRuns.getFirst().path("id").asString()), "clock").path("scheduledAt").asString())
                .isEqualTo(daily.at().plus(Duration.ofDays(3)).toString());
        assertThat(allRuns.stream().map(run -> output(detail(later, run.path("id").asString()), "clock").path("scheduledAt").asString()))
                .containsExactlyInAnyOrder(daily.at().toString(), daily.at().plus(Duration.ofDays(1)).toString(),
                        daily.at().plus(Duration.ofDays(2)).toString(), daily.at().plus(Duration.ofDays(3)).toString());
        assertThat(triggers(later, all).path("schedules").get(0).path("nextFireAt").asString())
                .isEqualTo(daily.at().plus(Duration.ofDays(4)).toString());
    }

    @Test
    void deactivationStopsTheSchedule() {
        Session owner = newUser("Stopper");
        Daily daily = Daily.in(clock.instant(), Duration.ofHours(12));
        String workflow = activeWorkflow(owner, project(owner), "Stopped", scheduled(daily.cron(), "all"));

        Response deactivated = api.put("/api/workflows/" + workflow + "/activation").token(owner.accessToken())
                .json(Api.map("version", null)).send();
        moveClockTo(daily.at().plusSeconds(20));
        int queued = ticker.tick();
        Session later = login(owner.email());

        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(queued).isZero();
        assertThat(triggers(later, workflow).path("schedules").isEmpty()).isTrue();
        assertThat(executions(later, workflow)).isEmpty();
    }

    @Test
    void activatingANewVersionReplacesTheOldCron() {
        Session owner = newUser("Rescheduler");
        Daily old = Daily.in(clock.instant(), Duration.ofHours(12));
        Daily replacement = Daily.in(clock.instant(), Duration.ofHours(6));
        String workflow = activeWorkflow(owner, project(owner), "Moved", scheduled(old.cron(), "none"));

        replaceDraft(owner, workflow, scheduled(replacement.cron(), "none"));
        Response activated = activateDraft(owner, workflow);
        JsonNode schedule = triggers(owner, workflow).path("schedules").get(0);
        moveClockTo(replacement.at().plusSeconds(20));
        ticker.tick();
        Session later = login(owner.email());
        List<JsonNode> runs = awaitFinishedExecutions(later, workflow, 1);
        moveClockTo(old.at().plusSeconds(20));
        int atTheOldTime = ticker.tick();

        assertThat(activated.status()).isEqualTo(200);
        assertThat(schedule.path("cron").asString()).isEqualTo(replacement.cron());
        assertThat(schedule.path("version").asInt()).isEqualTo(2);
        assertThat(schedule.path("nextFireAt").asString()).isEqualTo(replacement.at().toString());
        assertThat(runs.getFirst().path("version").asInt()).isEqualTo(2);
        assertThat(atTheOldTime).isZero();
        assertThat(executions(login(owner.email()), workflow)).hasSize(1);
    }

    @Test
    void anInvalidCronOrTimeZoneRefusesTheActivationAndChangesNothing() {
        Session owner = newUser("Typo");
        Daily daily = Daily.in(clock.instant(), Duration.ofHours(12));
        String workflow = activeWorkflow(owner, project(owner), "Typo", scheduled(daily.cron(), "none"));

        replaceDraft(owner, workflow, definition()
                .node("clock", "schedule-trigger", Api.map("cron", "61 * * * *", "timezone", "Mars/Olympus_Mons"))
                .build());
        Response refused = activateDraft(owner, workflow);
        JsonNode after = api.get("/api/workflows/" + workflow).token(owner.accessToken()).send().json();
        JsonNode schedule = triggers(owner, workflow).path("schedules").get(0);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.problemType()).isEqualTo("workflow-invalid");
        assertThat(refused.json().path("problems").valueStream().map(problem -> problem.path("pointer").asString()))
                .containsExactlyInAnyOrder("/nodes/0/parameters/cron", "/nodes/0/parameters/timezone");
        assertThat(refused.json().path("problems").valueStream().map(problem -> problem.path("nodeId").asString())).containsOnly("clock");
        assertThat(after.path("activeVersion").asInt()).isEqualTo(1);
        assertThat(schedule.path("version").asInt()).isEqualTo(1);
        assertThat(schedule.path("cron").asString()).isEqualTo(daily.cron());
    }
}
