package dev.nex7.workflow.trigger;

import static dev.nex7.workflow.WorkflowFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nex7.support.Api.Response;
import dev.nex7.workflow.persistence.WorkflowVersions;
import tools.jackson.databind.JsonNode;

class RetentionIntegrationTests extends TriggerIntegrationTest {

    @Autowired
    ExecutionPruner pruner;

    @Autowired
    FinishedExecutions finished;

    @Autowired
    WorkflowVersions versions;

    @Autowired
    TransactionTemplate transactions;

    ExecutionPruner pruner(RetentionSettings settings) {
        return new ExecutionPruner(finished, versions, settings, clock, transactions);
    }

    String snapshotOf(String execution) {
        return jdbc.sql("SELECT snapshot_hash FROM workflow_executions WHERE id = :id").param("id", UUID.fromString(execution))
                .query(String.class).single();
    }

    boolean snapshotExists(String hash) {
        return jdbc.sql("SELECT count(*) FROM workflow_snapshots WHERE hash = :hash").param("hash", hash).query(Long.class).single() == 1;
    }

    @Test
    void finishedExecutionsPastTheMaximumAgeArePrunedWithTheirUnusedSnapshotsAndUnfinishedOnesStay() {
        Session owner = newUser("Archivist");
        String project = project(owner);
        String quick = workflow(owner, project, "Quick", definition()
                .node("start", "manual-trigger", Map.of())
                .node("note", "set", Map.of("fields", List.of(Map.of("name", "unique", "value", UUID.randomUUID().toString()))))
                .edge("start", "note")
                .build());
        String slow = workflow(owner, project, "Slow", definition()
                .node("start", "manual-trigger", Map.of())
                .node("pause", "wait", Map.of("amount", 30, "unit", "days"))
                .edge("start", "pause")
                .build());
        String done = run(owner, quick);
        awaitStatus(owner, done, "succeeded");
        String waiting = run(owner, slow);
        awaitStatus(owner, waiting, "waiting");
        String doneSnapshot = snapshotOf(done);
        String waitingSnapshot = snapshotOf(waiting);

        clock.advance(Duration.ofDays(13));
        pruner.prune();
        boolean keptAt13Days = executions(login(owner.email()), quick).size() == 1;
        clock.advance(Duration.ofDays(2));
        ExecutionPruner.Pruned due = pruner.prune();
        Session later = login(owner.email());

        assertThat(keptAt13Days).isTrue();
        assertThat(due.executions()).isGreaterThanOrEqualTo(1);
        assertThat(due.snapshots()).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/api/executions/" + done).token(later.accessToken()).send().status()).isEqualTo(404);
        assertThat(snapshotExists(doneSnapshot)).isFalse();
        assertThat(detail(later, waiting).path("execution").path("status").asString()).isEqualTo("waiting");
        assertThat(snapshotExists(waitingSnapshot)).isTrue();
    }

    @Test
    void aWebhookStartsExecutionsAgainAfterItsSnapshotWasPruned() {
        // The engine skips checking a snapshot it saw lately; the executions' foreign key catches one pruned since.
        Session owner = newUser("Pruned hook");
        String project = project(owner);
        String hooked = activeWorkflow(owner, project, "Hooked", definition()
                .node("hook", "webhook-trigger", Map.of("method", "POST", "responseMode", "immediately"))
                .node("note", "set", Map.of("fields", List.of(Map.of("name", "unique", "value", UUID.randomUUID().toString()))))
                .edge("hook", "note")
                .build());
        String path = api.get("/api/workflows/" + hooked).token(owner.accessToken()).send().json().path("webhookPath").asString();
        String first = api.post(path).json(Map.of("n", 1)).send().json().path("executionId").asString();
        awaitStatus(owner, first, "succeeded");
        String snapshot = snapshotOf(first);
        clock.advance(Duration.ofDays(15));
        pruner.prune();
        boolean prunedSnapshot = !snapshotExists(snapshot);

        Response again = api.post(path).json(Map.of("n", 2)).send();
        Session later = login(owner.email());

        assertThat(prunedSnapshot).isTrue();
        assertThat(again.status()).as(again.text()).isEqualTo(202);
        assertThat(awaitStatus(later, again.json().path("executionId").asString(), "succeeded").path("execution").path("status").asString())
                .isEqualTo("succeeded");
        assertThat(snapshotExists(snapshot)).isTrue();
    }

    @Test
    void onlyTheNewestExecutionsOfEachWorkflowAreKept() {
        Session owner = newUser("Counter");
        String workflow = workflow(owner, project(owner), "Busy", definition().node("start", "manual-trigger", Map.of()).build());
        for (int i = 0; i < 5; i++) {
            awaitStatus(owner, run(owner, workflow), "succeeded");
        }
        List<String> newestFirst = executions(owner, workflow).stream().map(execution -> execution.path("id").asString()).toList();

        // Batches of one row: the loop, not one big statement, does the work.
        ExecutionPruner.Pruned pruned = pruner(new RetentionSettings(Duration.ZERO, 2, Duration.ZERO, 1)).prune();
        List<JsonNode> kept = executions(owner, workflow);

        assertThat(pruned.executions()).isGreaterThanOrEqualTo(3);
        assertThat(kept.stream().map(execution -> execution.path("id").asString())).containsExactly(newestFirst.get(0), newestFirst.get(1));
    }

    @Test
    void switchedOffRulesDeleteNothing() {
        Session owner = newUser("Keeper");
        String workflow = workflow(owner, project(owner), "Kept", definition().node("start", "manual-trigger", Map.of()).build());
        for (int i = 0; i < 3; i++) {
            awaitStatus(owner, run(owner, workflow), "succeeded");
        }

        clock.advance(Duration.ofDays(400));
        ExecutionPruner.Pruned pruned = pruner(new RetentionSettings(Duration.ZERO, 0, Duration.ZERO, 1000)).prune();

        assertThat(pruned.executions()).isZero();
        assertThat(executions(login(owner.email()), workflow)).hasSize(3);
    }
}
