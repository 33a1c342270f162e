package dev.nex7.workflow.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.nex7.identity.UserId;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.definition.DefinitionCodec;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.definition.WorkflowVersion;

/** Saved versions (never updated) and the content-addressed snapshots executions run. */
@Repository
public class WorkflowVersions {

    /** The advisory lock key that keeps snapshot clean-up and execution starts apart ("NEX7SNAP"). */
    private static final long SNAPSHOT_LOCK = 0x4E455837534E4150L;

    private final JdbcClient jdbc;
    private final DefinitionCodec codec;
    /**
     * Hashes of the definitions executions started from, by identity: a webhook or schedule starts
     * many executions from the same (immutable) definition object, and hashing is canonical JSON plus SHA-256.
     */
    private final Cache<WorkflowDefinition, String> hashes = Caffeine.newBuilder().weakKeys().maximumSize(1_000).build();
    /** Snapshots this instance stored or saw lately (clean-up only deletes those no execution runs). */
    private final Cache<String, Boolean> confirmed = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterWrite(java.time.Duration.ofMinutes(10)).build();

    WorkflowVersions(JdbcClient jdbc, DefinitionCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
    }

    /** The next version number; call with the workflow row locked. */
    public int next(WorkflowId workflow) {
        return jdbc.sql("SELECT coalesce(max(version), 0) + 1 FROM workflow_versions WHERE workflow_id = :id")
                .param("id", workflow.value()).query(Integer.class).single();
    }

    public void insert(WorkflowId workflow, WorkflowVersion version) {
        jdbc.sql("""
                INSERT INTO workflow_versions (workflow_id, version, definition, message, created_by, created_at)
                VALUES (:id, :version, CAST(:definition AS JSONB), :message, :createdBy, :createdAt)
                """)
                .param("id", workflow.value())
                .param("version", version.version())
                .param("definition", codec.toJson(version.definition()))
                .param("message", version.message())
                .param("createdBy", version.createdBy().value())
                .param("createdAt", Timestamp.from(version.createdAt()))
                .update();
    }

    public Optional<WorkflowVersion> find(WorkflowId workflow, int version) {
        return jdbc.sql("SELECT version, definition, message, created_by, created_at FROM workflow_versions "
                        + "WHERE workflow_id = :id AND version = :version")
                .param("id", workflow.value()).param("version", version).query(this::map).optional();
    }

    /** Newest first, without definitions. */
    public List<WorkflowVersion> list(WorkflowId workflow) {
        return jdbc.sql("SELECT version, NULL AS definition, message, created_by, created_at FROM workflow_versions "
                        + "WHERE workflow_id = :id ORDER BY version DESC")
                .param("id", workflow.value()).query(this::map).list();
    }

    /**
     * Stores a definition an execution runs, once per distinct content; returns its hash. Call in the
     * transaction that inserts the execution: it holds a shared lock on the snapshots until then, so
     * that {@link #deleteUnusedSnapshots} cannot remove the snapshot between this check and the insert.
     */
    public String snapshot(WorkflowDefinition definition) {
        String hash = hashes.get(definition, codec::hash);
        confirmed.put(hash, Boolean.TRUE);
        boolean stored = jdbc.sql("SELECT EXISTS (SELECT 1 FROM workflow_snapshots WHERE hash = :hash) "
                        + "FROM (SELECT pg_advisory_xact_lock_shared(:lock)) AS guard")
                .param("hash", hash).param("lock", SNAPSHOT_LOCK).query(Boolean.class).single();
        if (!stored) {
            jdbc.sql("INSERT INTO workflow_snapshots (hash, definition) VALUES (:hash, CAST(:definition AS JSONB)) ON CONFLICT DO NOTHING")
                    .param("hash", hash).param("definition", codec.toJson(definition)).update();
        }
        return hash;
    }

    /**
     * The definition's hash when this instance stored or saw its snapshot lately, else {@code null}:
     * an execution inserted with it in a transaction of its own needs no check first, because the
     * executions' foreign key refuses a snapshot that was deleted since ({@link #forget} it and store
     * again through {@link #snapshot}).
     */
    public String recentSnapshot(WorkflowDefinition definition) {
        String hash = hashes.get(definition, codec::hash);
        return confirmed.getIfPresent(hash) != null ? hash : null;
    }

    /** Forgets that a snapshot was seen (an insert referring to it was refused). */
    public void forget(String hash) {
        confirmed.invalidate(hash);
    }

    /**
     * Deletes up to {@code limit} snapshots no execution runs any more; returns how many. Call in a
     * transaction: it waits for executions being stored right now, and holds new ones back until it commits.
     */
    public int deleteUnusedSnapshots(int limit) {
        jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:lock)) AS guard").param("lock", SNAPSHOT_LOCK).query(Integer.class).single();
        return jdbc.sql("DELETE FROM workflow_snapshots WHERE hash IN (SELECT s.hash FROM workflow_snapshots s WHERE NOT EXISTS "
                        + "(SELECT 1 FROM workflow_executions e WHERE e.snapshot_hash = s.hash) LIMIT :limit)")
                .param("limit", limit).update();
    }

    public Optional<WorkflowDefinition> snapshot(String hash) {
        return jdbc.sql("SELECT definition FROM workflow_snapshots WHERE hash = :hash").param("hash", hash)
                .query(String.class).optional().map(codec::definition);
    }

    private WorkflowVersion map(ResultSet row, int index) throws SQLException {
        String definition = row.getString("definition");
        return new WorkflowVersion(row.getInt("version"), definition == null ? null : codec.definition(definition),
                row.getString("message"), new UserId(row.getObject("created_by", UUID.class)), row.getTimestamp("created_at").toInstant());
    }
}
