package dev.nex7.workflow.collab;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.identity.UserId;
import dev.nex7.workflow.WorkflowId;

/** The update log of each collaborative draft ({@code workflow_collab_updates}). */
@Repository
public class UpdateLog {

    /** One row: an update (or, after compaction, many merged) under its place in the log. */
    record Entry(long seq, byte[] content) {
    }

    private final JdbcClient jdbc;

    UpdateLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The whole log, oldest first. */
    public List<Entry> read(WorkflowId workflow) {
        return jdbc.sql("SELECT seq, content FROM workflow_collab_updates WHERE workflow_id = :id ORDER BY seq")
                .param("id", workflow.value())
                .query((row, index) -> new Entry(row.getLong("seq"), row.getBytes("content"))).list();
    }

    /**
     * Appends an update (committed when this returns: nothing is relayed that is not stored).
     *
     * @return its place in the log
     */
    public long append(WorkflowId workflow, byte[] update, UserId user, Instant at) {
        return jdbc.sql("""
                INSERT INTO workflow_collab_updates (workflow_id, content, user_id, created_at)
                VALUES (:id, :content, :user, :at) RETURNING seq
                """)
                .param("id", workflow.value())
                .param("content", update)
                .param("user", user == null ? null : user.value())
                .param("at", Timestamp.from(at))
                .query(Long.class).single();
    }

    /**
     * Replaces the rows up to {@code throughSeq} with {@code merged}, which holds all of them, in one
     * transaction. Rows appended meanwhile have a greater seq and stay.
     */
    @Transactional
    public void compact(WorkflowId workflow, long throughSeq, byte[] merged, Instant at) {
        Integer count = jdbc.sql("""
                SELECT coalesce(sum(merged), 0) FROM workflow_collab_updates WHERE workflow_id = :id AND seq <= :through
                """).param("id", workflow.value()).param("through", throughSeq).query(Integer.class).single();
        jdbc.sql("DELETE FROM workflow_collab_updates WHERE workflow_id = :id AND seq <= :through")
                .param("id", workflow.value()).param("through", throughSeq).update();
        jdbc.sql("""
                INSERT INTO workflow_collab_updates (workflow_id, seq, content, user_id, created_at, merged)
                VALUES (:id, :seq, :content, NULL, :at, :merged)
                """)
                .param("id", workflow.value())
                .param("seq", throughSeq)
                .param("content", merged)
                .param("at", Timestamp.from(at))
                .param("merged", Math.max(1, count))
                .update();
    }

    /** Rows and bytes in the log (for tests and operators). */
    public long[] size(WorkflowId workflow) {
        return jdbc.sql("SELECT count(*), coalesce(sum(length(content)), 0) FROM workflow_collab_updates WHERE workflow_id = :id")
                .param("id", workflow.value())
                .query((row, index) -> new long[] {row.getLong(1), row.getLong(2)}).single();
    }
}
