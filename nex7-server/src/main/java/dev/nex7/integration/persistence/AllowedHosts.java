package dev.nex7.integration.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nex7.identity.UserId;

/** The allow-list entries administrators added at run time. */
@Repository
public class AllowedHosts {

    /** A stored entry, its text in canonical form. */
    public record Row(UUID id, String entry, UserId createdBy, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    AllowedHosts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds an entry unless the same text is stored already.
     *
     * @return whether it was added
     */
    public boolean insert(Row row) {
        return jdbc.sql("""
                INSERT INTO integration_allowed_hosts (id, entry, created_by, created_at)
                VALUES (:id, :entry, :createdBy, :createdAt)
                ON CONFLICT (entry) DO NOTHING
                """)
                .param("id", row.id())
                .param("entry", row.entry())
                .param("createdBy", row.createdBy().value())
                .param("createdAt", Timestamp.from(row.createdAt()))
                .update() == 1;
    }

    /** @return whether there was such an entry */
    public boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM integration_allowed_hosts WHERE id = :id").param("id", id).update() == 1;
    }

    /** Every entry, oldest first. */
    public List<Row> all() {
        return jdbc.sql("SELECT id, entry, created_by, created_at FROM integration_allowed_hosts ORDER BY created_at, id")
                .query(AllowedHosts::map).list();
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("entry"),
                new UserId(rs.getObject("created_by", UUID.class)), rs.getTimestamp("created_at").toInstant());
    }
}
