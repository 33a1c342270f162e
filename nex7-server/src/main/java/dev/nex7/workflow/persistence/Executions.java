package dev.nex7.workflow.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nex7.platform.PageQuery;
import dev.nex7.project.ProjectId;
import dev.nex7.workflow.ExecutionId;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.definition.DefinitionCodec;
import dev.nex7.workflow.engine.Execution;
import dev.nex7.workflow.engine.ExecutionStatus;
import dev.nex7.workflow.engine.NodeRun;
import dev.nex7.workflow.engine.NodeRunStatus;

/**
 * Executions and their node runs. The executions table is also the work queue: unfinished rows are
 * claimed with {@code FOR UPDATE SKIP LOCKED} and held by a lease that the owner renews.
 */
@Repository
public class Executions {

    private static final String COLUMNS = "id, workflow_id, project_id, workflow_version, snapshot_hash, status, mode, trigger_node, "
            + "input, pinned, overrides, error, parent_id, retry_of, depth, started_by, cancel_requested, created_at, started_at, finished_at";
    private static final String RUN_COLUMNS = "node_id, status, attempts, output, error, failures, state, signal, wake_at, logs, "
            + "pinned, started_at, finished_at";

    private final JdbcClient jdbc;
    private final DefinitionCodec codec;
    private final JdbcTemplate jdbcTemplate;

    Executions(JdbcClient jdbc, DefinitionCodec codec, JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.codec = codec;
    }

    /**
     * Stores a new execution, already leased to {@code owner} until {@code leaseUntil} when an owner
     * is given (the instance that starts it runs it at once), otherwise queued for any instance; or, when
     * its status is final, as it ended (its error and end time, due for nobody).
     */
    public void insert(Execution execution, String owner, Instant leaseUntil) {
        boolean finished = execution.status().finished();
        jdbc.sql("""
                INSERT INTO workflow_executions (id, workflow_id, project_id, workflow_version, snapshot_hash, status, mode,
                    trigger_node, input, pinned, overrides, error, parent_id, retry_of, depth, started_by, available_at, lease_owner,
                    lease_until, created_at, started_at, finished_at)
                VALUES (:id, :workflowId, :projectId, :version, :hash, :status, :mode, :triggerNode, CAST(:input AS JSONB),
                    CAST(:pinned AS JSONB), CAST(:overrides AS JSONB), CAST(:error AS JSONB), :parentId, :retryOf, :depth, :startedBy,
                    :availableAt, :owner, :leaseUntil, :createdAt, :startedAt, :finishedAt)
                """)
                .param("id", execution.id().value())
                .param("workflowId", execution.workflowId().value())
                .param("projectId", execution.projectId().value())
                .param("version", execution.version())
                .param("hash", execution.snapshotHash())
                .param("status", execution.status().id())
                .param("mode", execution.mode())
                .param("triggerNode", execution.triggerNode())
                .param("input", codec.toJson(execution.input()))
                .param("pinned", execution.pinned().isEmpty() ? null : codec.toJson(execution.pinned()))
                .param("overrides", execution.overrides().isEmpty() ? null : codec.toJson(execution.overrides()))
                .param("parentId", execution.parentId() == null ? null : execution.parentId().value())
                .param("retryOf", execution.retryOf() == null ? null : execution.retryOf().value())
                .param("depth", execution.depth())
                .param("startedBy", execution.startedBy())
                .param("error", execution.error() == null ? null : codec.toJson(execution.error()))
                .param("availableAt", finished ? null : Timestamp.from(execution.createdAt()))
                .param("finishedAt", execution.finishedAt() == null ? null : Timestamp.from(execution.finishedAt()))
                .param("owner", owner)
                .param("leaseUntil", leaseUntil == null ? null : Timestamp.from(leaseUntil))
                .param("createdAt", Timestamp.from(execution.createdAt()))
                .param("startedAt", execution.startedAt() == null ? null : Timestamp.from(execution.startedAt()))
                .update();
    }

    /**
     * Claims up to {@code limit} unfinished executions that are due and not leased by a live owner,
     * marks them running and returns them as they are now.
     */
    public List<Execution> claim(String owner, Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                UPDATE workflow_executions SET lease_owner = :owner, lease_until = :until, status = 'running',
                    started_at = coalesce(started_at, :now)
                WHERE id IN (SELECT id FROM workflow_executions
                    WHERE status IN ('queued', 'running', 'waiting') AND available_at <= :now
                      AND (lease_until IS NULL OR lease_until < :now)
                    ORDER BY available_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + COLUMNS)
                .param("owner", owner).param("until", Timestamp.from(leaseUntil)).param("now", Timestamp.from(now))
                .param("limit", limit).query(this::map).list();
    }

    /** Renews the leases {@code owner} holds; returns the ids whose lease it still holds. */
    public List<ExecutionId> heartbeat(String owner, List<ExecutionId> held, Instant leaseUntil) {
        if (held.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("UPDATE workflow_executions SET lease_until = :until WHERE lease_owner = :owner AND id = ANY(:ids) "
                        + "AND status IN ('queued', 'running', 'waiting') RETURNING id")
                .param("until", Timestamp.from(leaseUntil)).param("owner", owner)
                .param("ids", held.stream().map(ExecutionId::value).toArray(UUID[]::new))
                .query(UUID.class).list().stream().map(ExecutionId::new).toList();
    }

    public List<ExecutionId> cancelRequested(List<ExecutionId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id FROM workflow_executions WHERE cancel_requested AND id = ANY(:ids)")
                .param("ids", ids.stream().map(ExecutionId::value).toArray(UUID[]::new))
                .query(UUID.class).list().stream().map(ExecutionId::new).toList();
    }

    /** Parks an execution until {@code wakeAt} (or a signal) and gives up its lease. */
    public void park(ExecutionId id, Instant wakeAt, Instant now) {
        // A signal that arrived while the execution was still running (its node already recorded as waiting)
        // found no waiting execution to wake: it is due at once instead.
        jdbc.sql("UPDATE workflow_executions SET status = 'waiting', lease_owner = NULL, lease_until = NULL, available_at = CASE "
                        + "WHEN EXISTS (SELECT 1 FROM workflow_node_runs r WHERE r.execution_id = :id AND r.status = 'waiting' "
                        + "AND r.signal IS NOT NULL) THEN CAST(:now AS TIMESTAMPTZ) ELSE CAST(:wakeAt AS TIMESTAMPTZ) END WHERE id = :id")
                .param("id", id.value()).param("now", Timestamp.from(now))
                .param("wakeAt", wakeAt == null ? Timestamp.valueOf("9999-12-31 00:00:00") : Timestamp.from(wakeAt))
                .update();
    }

    /** Gives up a lease without finishing (shutdown): another instance, or this one after restart, continues. */
    public void release(ExecutionId id, String owner) {
        jdbc.sql("UPDATE workflow_executions SET lease_owner = NULL, lease_until = NULL WHERE id = :id AND lease_owner = :owner")
                .param("id", id.value()).param("owner", owner).update();
    }

    public void finish(ExecutionId id, ExecutionStatus status, Map<String, Object> error, Instant at) {
        jdbc.sql("UPDATE workflow_executions SET status = :status, error = CAST(:error AS JSONB), finished_at = :at, "
                        + "lease_owner = NULL, lease_until = NULL, available_at = NULL WHERE id = :id")
                .param("id", id.value()).param("status", status.id()).param("error", error == null ? null : codec.toJson(error))
                .param("at", Timestamp.from(at)).update();
    }

    /** Flags an unfinished execution for cancellation; its owner notices at the next heartbeat (or at once, if local). */
    public boolean requestCancel(ExecutionId id, Instant now) {
        return jdbc.sql("UPDATE workflow_executions SET cancel_requested = TRUE, available_at = :now "
                        + "WHERE id = :id AND status IN ('queued', 'running', 'waiting')")
                .param("id", id.value()).param("now", Timestamp.from(now)).update() == 1;
    }

    /** The sub-workflow executions {@code parent} started that have not finished. */
    public List<ExecutionId> unfinishedChildren(ExecutionId parent) {
        return jdbc.sql("SELECT id FROM workflow_executions WHERE parent_id = :parent AND status IN ('queued', 'running', 'waiting')")
                .param("parent", parent.value()).query(UUID.class).list().stream().map(ExecutionId::new).toList();
    }

    /** Locks an execution's row until the transaction ends. */
    public void lock(ExecutionId id) {
        jdbc.sql("SELECT id FROM workflow_executions WHERE id = :id FOR UPDATE").param("id", id.value()).query(UUID.class).optional();
    }

    /** The waiting node of {@code execution} whose state has {@code member} equal to {@code value}. */
    public Optional<String> waitingFor(ExecutionId execution, String member, String value) {
        return jdbc.sql("SELECT node_id FROM workflow_node_runs WHERE execution_id = :id AND scope = '' AND status = 'waiting' "
                        + "AND state ->> :member = :value")
                .param("id", execution.value()).param("member", member).param("value", value).query(String.class).optional();
    }

    /** Delivers a signal to a waiting node run and makes its execution due now. */
    public boolean signal(ExecutionId id, String nodeId, Object signal, Instant now) {
        int updated = jdbc.sql("UPDATE workflow_node_runs SET signal = CAST(:signal AS JSONB) "
                        + "WHERE execution_id = :id AND node_id = :node AND scope = '' AND status = 'waiting' AND signal IS NULL")
                .param("id", id.value()).param("node", nodeId).param("signal", codec.toJson(signal == null ? Map.of() : signal)).update();
        if (updated == 1) {
            jdbc.sql("UPDATE workflow_executions SET available_at = :now WHERE id = :id AND status = 'waiting'")
                    .param("id", id.value()).param("now", Timestamp.from(now)).update();
        }
        return updated == 1;
    }

    public Optional<Execution> find(ExecutionId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflow_executions WHERE id = :id").param("id", id.value())
                .query(this::map).optional();
    }

    public List<Execution> list(List<ProjectId> projects, WorkflowId workflow, ExecutionStatus status, PageQuery page) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflow_executions WHERE project_id = ANY(:projects) "
                        + "AND (CAST(:workflow AS UUID) IS NULL OR workflow_id = CAST(:workflow AS UUID)) "
                        + "AND (CAST(:status AS TEXT) IS NULL OR status = CAST(:status AS TEXT)) "
                        + "ORDER BY " + page.orderBy() + ", id LIMIT :limit OFFSET :offset")
                .param("projects", projects.stream().map(ProjectId::value).toArray(UUID[]::new))
                .param("workflow", workflow == null ? null : workflow.value())
                .param("status", status == null ? null : status.id())
                .param("limit", page.size()).param("offset", page.offset())
                .query(this::map).list();
    }

    public long count(List<ProjectId> projects, WorkflowId workflow, ExecutionStatus status) {
        return jdbc.sql("SELECT count(*) FROM workflow_executions WHERE project_id = ANY(:projects) "
                        + "AND (CAST(:workflow AS UUID) IS NULL OR workflow_id = CAST(:workflow AS UUID)) "
                        + "AND (CAST(:status AS TEXT) IS NULL OR status = CAST(:status AS TEXT))")
                .param("projects", projects.stream().map(ProjectId::value).toArray(UUID[]::new))
                .param("workflow", workflow == null ? null : workflow.value())
                .param("status", status == null ? null : status.id())
                .query(Long.class).single();
    }

    /**
     * A human-approval node run that waits for a decision, with what the approver is shown.
     *
     * @param state the node's saved state: message, approverRole, input and (with a timeout) deadline
     */
    public record WaitingApproval(ExecutionId executionId, WorkflowId workflowId, ProjectId projectId, String workflowName,
            String snapshotHash, String nodeId, Map<String, Object> state, Instant requestedAt, Instant timeoutAt) {
    }

    private static final String WAITING_APPROVALS = """
            FROM workflow_node_runs r JOIN workflow_executions e ON e.id = r.execution_id
                JOIN workflow_workflows w ON w.id = e.workflow_id
            WHERE e.project_id = ANY(:projects) AND e.status = 'waiting' AND r.scope = '' AND r.status = 'waiting'
                AND r.signal IS NULL AND r.state ->> 'approverRole' IS NOT NULL
            """;

    /** The approvals waiting for a decision in {@code projects}, oldest request first. */
    public List<WaitingApproval> waitingApprovals(List<ProjectId> projects, PageQuery page) {
        return jdbc.sql("SELECT r.execution_id, e.workflow_id, e.project_id, w.name, e.snapshot_hash, r.node_id, r.state, r.started_at, "
                        + "r.wake_at " + WAITING_APPROVALS + "ORDER BY r.started_at, r.execution_id, r.node_id LIMIT :limit OFFSET :offset")
                .param("projects", projects.stream().map(ProjectId::value).toArray(UUID[]::new))
                .param("limit", page.size()).param("offset", page.offset())
                .query((row, number) -> {
                    Timestamp wake = row.getTimestamp("wake_at");
                    return new WaitingApproval(new ExecutionId(row.getObject("execution_id", UUID.class)),
                            new WorkflowId(row.getObject("workflow_id", UUID.class)), new ProjectId(row.getObject("project_id", UUID.class)),
                            row.getString("name"), row.getString("snapshot_hash"), row.getString("node_id"), codec.map(row.getString("state")),
                            row.getTimestamp("started_at").toInstant(), wake == null ? null : wake.toInstant());
                }).list();
    }

    public long countWaitingApprovals(List<ProjectId> projects) {
        return jdbc.sql("SELECT count(*) " + WAITING_APPROVALS)
                .param("projects", projects.stream().map(ProjectId::value).toArray(UUID[]::new)).query(Long.class).single();
    }

    public long queueDepth(Instant now) {
        return jdbc.sql("SELECT count(*) FROM workflow_executions WHERE status IN ('queued', 'running', 'waiting') "
                        + "AND available_at <= :now AND (lease_until IS NULL OR lease_until < :now)")
                .param("now", Timestamp.from(now)).query(Long.class).single();
    }

    /** Records a node run's state; a later state of the same run replaces an earlier one. */
    public void saveRun(ExecutionId id, NodeRun run) {
        saveRun(id, "", run);
    }

    /** Records a node run of a loop iteration ({@code scope} {@code loopId#n}) or, with {@code ""}, of the execution itself. */
    public void saveRun(ExecutionId id, String scope, NodeRun run) {
        saveRuns(id, List.of(new ScopedRun(scope, run)));
    }

    /** A node run and the scope it ran in ({@code ""} for the execution itself, else a loop iteration). */
    public record ScopedRun(String scope, NodeRun run) {
    }

    /**
     * Records several node runs of one execution in one round trip; a later state of the same run
     * replaces an earlier one (also within {@code runs}: the last one wins).
     */
    public void saveRuns(ExecutionId id, List<ScopedRun> runs) {
        if (runs.isEmpty()) {
            return;
        }
        // One statement cannot update the same row twice: keep each run's last state.
        Map<List<String>, ScopedRun> last = new LinkedHashMap<>();
        runs.forEach(scoped -> last.put(List.of(scoped.scope(), scoped.run().nodeId()), scoped));
        jdbcTemplate.batchUpdate("""
                INSERT INTO workflow_node_runs (execution_id, node_id, scope, status, attempts, output, error, failures, state,
                    signal, wake_at, logs, pinned, started_at, finished_at)
                VALUES (?, ?, ?, ?, ?, CAST(? AS JSONB), CAST(? AS JSONB), CAST(? AS JSONB), CAST(? AS JSONB), NULL, ?,
                    CAST(? AS JSONB), ?, ?, ?)
                ON CONFLICT (execution_id, node_id, scope) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts,
                    output = EXCLUDED.output, error = EXCLUDED.error, failures = EXCLUDED.failures, state = EXCLUDED.state,
                    signal = NULL, wake_at = EXCLUDED.wake_at, logs = EXCLUDED.logs, pinned = EXCLUDED.pinned,
                    finished_at = EXCLUDED.finished_at
                """, List.copyOf(last.values()), 256, (statement, scoped) -> {
            NodeRun run = scoped.run();
            statement.setObject(1, id.value());
            statement.setString(2, run.nodeId());
            statement.setString(3, scoped.scope());
            statement.setString(4, run.status().id());
            statement.setInt(5, run.attempts());
            statement.setString(6, run.output() == null ? null : codec.toJson(run.output()));
            statement.setString(7, run.error() == null ? null : codec.toJson(run.error()));
            statement.setString(8, run.failures().isEmpty() ? null : codec.toJson(run.failures()));
            statement.setString(9, run.state() == null ? null : codec.toJson(run.state()));
            statement.setTimestamp(10, run.wakeAt() == null ? null : Timestamp.from(run.wakeAt()));
            statement.setString(11, run.logs().isEmpty() ? null : codec.toJson(run.logs()));
            statement.setBoolean(12, run.pinned());
            statement.setTimestamp(13, Timestamp.from(run.startedAt()));
            statement.setTimestamp(14, run.finishedAt() == null ? null : Timestamp.from(run.finishedAt()));
        });
    }

    public List<NodeRun> runs(ExecutionId id) {
        return runs(id, "");
    }

    /** The runs (outside loop iterations) of several executions, by execution; executions without runs are absent. */
    public Map<ExecutionId, List<NodeRun>> runs(List<ExecutionId> ids) {
        Map<ExecutionId, List<NodeRun>> byExecution = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return byExecution;
        }
        jdbc.sql("SELECT execution_id, " + RUN_COLUMNS + " FROM workflow_node_runs WHERE execution_id = ANY(:ids) AND scope = '' "
                        + "ORDER BY execution_id, started_at, node_id")
                .param("ids", ids.stream().map(ExecutionId::value).toArray(UUID[]::new))
                .query((row, number) -> {
                    byExecution.computeIfAbsent(new ExecutionId(row.getObject("execution_id", UUID.class)), key -> new ArrayList<>())
                            .add(mapRun(row, number));
                    return null;
                }).list();
        return byExecution;
    }

    /** The runs recorded in one scope: {@code ""} for the execution's own, {@code loopId#n} for a loop iteration. */
    public List<NodeRun> runs(ExecutionId id, String scope) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM workflow_node_runs WHERE execution_id = :id AND scope = :scope "
                        + "ORDER BY started_at, node_id")
                .param("id", id.value()).param("scope", scope).query(this::mapRun).list();
    }

    /**
     * What the history shows of an execution's own runs: its recorded runs or, for a low-latency
     * execution (which records none), the runs in its summary. Not for the engine's resume path.
     */
    public List<NodeRun> history(ExecutionId id) {
        List<NodeRun> runs = runs(id);
        if (!runs.isEmpty()) {
            return runs;
        }
        return jdbc.sql("SELECT run_summary FROM workflow_executions WHERE id = :id AND run_summary IS NOT NULL").param("id", id.value())
                .query(String.class).optional().map(this::summaryRuns).orElse(List.of());
    }

    /**
     * Writes finished low-latency executions, each as one row with its node runs inside, in one batch.
     * Their snapshots must exist already.
     */
    public void insertFinished(List<Finished> finished) {
        jdbcTemplate.batchUpdate("""
                INSERT INTO workflow_executions (id, workflow_id, project_id, workflow_version, snapshot_hash, status, mode,
                    trigger_node, input, error, depth, created_at, started_at, finished_at, run_summary)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS JSONB), CAST(? AS JSONB), 0, ?, ?, ?, CAST(? AS JSONB))
                ON CONFLICT (id) DO NOTHING
                """, finished, 256, (statement, done) -> {
            Execution execution = done.execution();
            statement.setObject(1, execution.id().value());
            statement.setObject(2, execution.workflowId().value());
            statement.setObject(3, execution.projectId().value());
            statement.setObject(4, execution.version());
            statement.setString(5, execution.snapshotHash());
            statement.setString(6, done.status().id());
            statement.setString(7, execution.mode());
            statement.setString(8, execution.triggerNode());
            statement.setString(9, codec.toJson(execution.input()));
            statement.setString(10, done.error() == null ? null : codec.toJson(done.error()));
            statement.setTimestamp(11, Timestamp.from(execution.createdAt()));
            statement.setTimestamp(12, Timestamp.from(execution.createdAt()));
            statement.setTimestamp(13, Timestamp.from(done.finishedAt()));
            statement.setString(14, codec.toJson(done.runs().stream().map(Executions::summaryEntry).toList()));
        });
    }

    /** A low-latency execution as it ended. */
    public record Finished(Execution execution, ExecutionStatus status, Map<String, Object> error, List<NodeRun> runs, Instant finishedAt) {
    }

    private static Map<String, Object> summaryEntry(NodeRun run) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("nodeId", run.nodeId());
        entry.put("status", run.status().id());
        entry.put("attempts", run.attempts());
        entry.put("output", run.output());
        entry.put("error", run.error());
        entry.put("failures", run.failures());
        entry.put("logs", run.logs());
        entry.put("pinned", run.pinned());
        entry.put("startedAt", run.startedAt().toString());
        entry.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
        return entry;
    }

    @SuppressWarnings("unchecked")
    private List<NodeRun> summaryRuns(String summary) {
        List<NodeRun> runs = new ArrayList<>();
        for (Object item : (List<Object>) codec.value(summary)) {
            Map<String, Object> entry = (Map<String, Object>) item;
            runs.add(new NodeRun((String) entry.get("nodeId"), NodeRunStatus.of((String) entry.get("status")),
                    ((Number) entry.get("attempts")).intValue(), (Map<String, Object>) entry.get("output"),
                    (Map<String, Object>) entry.get("error"), (List<Object>) entry.get("failures"), null, null, null,
                    (List<String>) entry.get("logs"), Boolean.TRUE.equals(entry.get("pinned")), Instant.parse((String) entry.get("startedAt")),
                    entry.get("finishedAt") == null ? null : Instant.parse((String) entry.get("finishedAt"))));
        }
        return runs;
    }

    /** Every run of loop iterations, by scope in the order they ran. */
    public Map<String, List<NodeRun>> iterationRuns(ExecutionId id) {
        Map<String, List<NodeRun>> byScope = new LinkedHashMap<>();
        jdbc.sql("SELECT scope, " + RUN_COLUMNS + " FROM workflow_node_runs WHERE execution_id = :id AND scope <> '' "
                        // iterations that started in the same instant (a coarse clock) in their order: each#2 before each#10
                        + "ORDER BY started_at, length(scope), scope, node_id")
                .param("id", id.value()).query((row, number) -> {
                    byScope.computeIfAbsent(row.getString("scope"), key -> new ArrayList<>()).add(mapRun(row, number));
                    return null;
                }).list();
        return byScope;
    }

    @SuppressWarnings("unchecked")
    private NodeRun mapRun(ResultSet row, int index) throws SQLException {
        Timestamp wake = row.getTimestamp("wake_at");
        Timestamp finished = row.getTimestamp("finished_at");
        Object failures = codec.value(row.getString("failures"));
        Object logs = codec.value(row.getString("logs"));
        return new NodeRun(row.getString("node_id"), NodeRunStatus.of(row.getString("status")), row.getInt("attempts"),
                codec.map(row.getString("output")), codec.map(row.getString("error")),
                failures == null ? List.of() : new ArrayList<>((List<Object>) failures),
                codec.value(row.getString("state")), codec.value(row.getString("signal")), wake == null ? null : wake.toInstant(),
                logs == null ? List.of() : (List<String>) logs, row.getBoolean("pinned"), row.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }

    private Execution map(ResultSet row, int index) throws SQLException {
        Timestamp started = row.getTimestamp("started_at");
        Timestamp finished = row.getTimestamp("finished_at");
        UUID parent = row.getObject("parent_id", UUID.class);
        UUID retryOf = row.getObject("retry_of", UUID.class);
        return new Execution(new ExecutionId(row.getObject("id", UUID.class)), new WorkflowId(row.getObject("workflow_id", UUID.class)),
                new ProjectId(row.getObject("project_id", UUID.class)), (Integer) row.getObject("workflow_version"),
                row.getString("snapshot_hash"), ExecutionStatus.of(row.getString("status")), row.getString("mode"),
                row.getString("trigger_node"), codec.value(row.getString("input")), codec.map(row.getString("pinned")),
                codec.map(row.getString("overrides")), codec.map(row.getString("error")), parent == null ? null : new ExecutionId(parent),
                retryOf == null ? null : new ExecutionId(retryOf), row.getInt("depth"), row.getObject("started_by", UUID.class),
                row.getBoolean("cancel_requested"), row.getTimestamp("created_at").toInstant(),
                started == null ? null : started.toInstant(), finished == null ? null : finished.toInstant());
    }
}
