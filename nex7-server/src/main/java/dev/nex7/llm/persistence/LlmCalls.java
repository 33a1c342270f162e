package dev.nex7.llm.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;

/** The llm_calls table: one row per provider a model call went to. */
@Repository
public class LlmCalls {

    /** One provider's part of a model call, as recorded. */
    public record Call(UUID id, UserId user, ProjectId project, String agentId, String purpose, String provider,
            String model, long inputTokens, long outputTokens, BigDecimal costUsd, String outcome, Integer ttftMs,
            int durationMs, Instant createdAt) {
    }

    /** Which rows a report covers: {@code user} and {@code project} null for any; {@code to} exclusive. */
    public record Filter(UserId user, ProjectId project, Instant from, Instant to) {
    }

    /** What a report groups by. */
    public enum GroupBy {
        AGENT("COALESCE(agent_id, '')"),
        MODEL("provider || ':' || model"),
        USER("CAST(user_id AS VARCHAR)"),
        DAY("TO_CHAR(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')");

        private final String expression;

        GroupBy(String expression) {
            this.expression = expression;
        }
    }

    /** Sums over a group of rows (or over all of them, with a null key). */
    public record Totals(String key, long calls, long inputTokens, long outputTokens, BigDecimal costUsd) {
    }

    private static final String FILTER = " WHERE created_at >= :from AND created_at < :to"
            + " AND (CAST(:user AS UUID) IS NULL OR user_id = :user)"
            + " AND (CAST(:project AS UUID) IS NULL OR project_id = :project)";

    private final NamedParameterJdbcTemplate jdbc;
    private final JdbcClient queries;

    LlmCalls(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.queries = JdbcClient.create(jdbc);
    }

    /** Inserts {@code batch} in one round trip (in the caller's transaction, if any). */
    public void insertAll(List<Call> batch) {
        if (batch.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO llm_calls (id, user_id, project_id, agent_id, purpose, provider, model, input_tokens,
                       output_tokens, cost_usd, outcome, ttft_ms, duration_ms, created_at)
                VALUES (:id, :user, :project, :agent, :purpose, :provider, :model, :input, :output, :cost, :outcome,
                        :ttft, :duration, :at)
                """, batch.stream().map(LlmCalls::params).map(MapSqlParameterSource::new)
                .toArray(SqlParameterSource[]::new));
    }

    private static Map<String, Object> params(Call call) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", call.id());
        params.put("user", call.user().value());
        params.put("project", call.project() == null ? null : call.project().value());
        params.put("agent", call.agentId());
        params.put("purpose", call.purpose());
        params.put("provider", call.provider());
        params.put("model", call.model());
        params.put("input", call.inputTokens());
        params.put("output", call.outputTokens());
        params.put("cost", call.costUsd());
        params.put("outcome", call.outcome());
        params.put("ttft", call.ttftMs());
        params.put("duration", call.durationMs());
        params.put("at", Timestamp.from(call.createdAt()));
        return params;
    }

    /** What {@code user} spent in [from, to), across projects. */
    public BigDecimal spentByUser(UserId user, Instant from, Instant to) {
        return queries.sql("SELECT COALESCE(SUM(cost_usd), 0) FROM llm_calls"
                + " WHERE user_id = :user AND created_at >= :from AND created_at < :to")
                .param("user", user.value()).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(BigDecimal.class).single();
    }

    /** What {@code project} spent in [from, to), across users. */
    public BigDecimal spentByProject(ProjectId project, Instant from, Instant to) {
        return queries.sql("SELECT COALESCE(SUM(cost_usd), 0) FROM llm_calls"
                + " WHERE project_id = :project AND created_at >= :from AND created_at < :to")
                .param("project", project.value()).param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to)).query(BigDecimal.class).single();
    }

    /** The filtered rows summed per group, largest cost first; the grouping expression comes from {@link GroupBy} only. */
    public List<Totals> report(Filter filter, GroupBy groupBy) {
        return queries.sql("SELECT " + groupBy.expression + " AS key, COUNT(*) AS calls,"
                + " COALESCE(SUM(input_tokens), 0) AS input, COALESCE(SUM(output_tokens), 0) AS output,"
                + " COALESCE(SUM(cost_usd), 0) AS cost FROM llm_calls" + FILTER
                + " GROUP BY 1 ORDER BY cost DESC, key").params(params(filter)).query(LlmCalls::totals).list();
    }

    /** The filtered rows summed. */
    public Totals total(Filter filter) {
        return queries.sql("SELECT NULL AS key, COUNT(*) AS calls, COALESCE(SUM(input_tokens), 0) AS input,"
                + " COALESCE(SUM(output_tokens), 0) AS output, COALESCE(SUM(cost_usd), 0) AS cost FROM llm_calls"
                + FILTER).params(params(filter)).query(LlmCalls::totals).single();
    }

    /** Every row of a user, newest first; for tests and support. */
    public List<Call> ofUser(UserId user) {
        return queries.sql("SELECT * FROM llm_calls WHERE user_id = :user ORDER BY created_at DESC, id")
                .param("user", user.value()).query(LlmCalls::call).list();
    }

    private static Map<String, Object> params(Filter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", Timestamp.from(filter.from()));
        params.put("to", Timestamp.from(filter.to()));
        params.put("user", filter.user() == null ? null : filter.user().value());
        params.put("project", filter.project() == null ? null : filter.project().value());
        return params;
    }

    private static Totals totals(ResultSet rs, int row) throws SQLException {
        return new Totals(rs.getString("key"), rs.getLong("calls"), rs.getLong("input"), rs.getLong("output"),
                rs.getBigDecimal("cost"));
    }

    private static Call call(ResultSet rs, int row) throws SQLException {
        UUID project = rs.getObject("project_id", UUID.class);
        Integer ttft = rs.getObject("ttft_ms", Integer.class);
        return new Call(rs.getObject("id", UUID.class), new UserId(rs.getObject("user_id", UUID.class)),
                project == null ? null : new ProjectId(project), rs.getString("agent_id"), rs.getString("purpose"),
                rs.getString("provider"), rs.getString("model"), rs.getLong("input_tokens"),
                rs.getLong("output_tokens"), rs.getBigDecimal("cost_usd"), rs.getString("outcome"),
                ttft, rs.getInt("duration_ms"), rs.getTimestamp("created_at").toInstant());
    }
}
