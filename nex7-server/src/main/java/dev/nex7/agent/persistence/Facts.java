package dev.nex7.agent.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nex7.agent.FactId;
import dev.nex7.agent.FactSource;
import dev.nex7.agent.MemoryFact;
import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;

/** Project memory facts. Every read names the project, so a fact id from another project finds nothing. */
@Repository
public class Facts {

    private static final String COLUMNS = "id, project_id, text, source, agent_id, created_by, created_at, updated_at";

    private final JdbcClient jdbc;

    Facts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Oldest first: the order they were learnt in, which is how the agents read them. */
    public List<MemoryFact> of(ProjectId project) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_memory_facts WHERE project_id = :project"
                + " ORDER BY created_at, id").param("project", project.value()).query(Facts::map).list();
    }

    public Optional<MemoryFact> find(ProjectId project, FactId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_memory_facts WHERE project_id = :project AND id = :id")
                .param("project", project.value()).param("id", id.value()).query(Facts::map).optional();
    }

    public long count(ProjectId project) {
        return jdbc.sql("SELECT count(*) FROM agent_memory_facts WHERE project_id = :project")
                .param("project", project.value()).query(Long.class).single();
    }

    public void insert(MemoryFact fact) {
        jdbc.sql("""
                INSERT INTO agent_memory_facts (id, project_id, text, source, agent_id, created_by, created_at, updated_at)
                VALUES (:id, :project, :text, :source, :agent, :createdBy, :createdAt, :updatedAt)
                """)
                .param("id", fact.id().value()).param("project", fact.projectId().value()).param("text", fact.text())
                .param("source", fact.source().id()).param("agent", fact.agentId())
                .param("createdBy", fact.createdBy().value()).param("createdAt", Timestamp.from(fact.createdAt()))
                .param("updatedAt", Timestamp.from(fact.updatedAt())).update();
    }

    public boolean changeText(ProjectId project, FactId id, String text, Instant at) {
        return jdbc.sql("UPDATE agent_memory_facts SET text = :text, updated_at = :at"
                + " WHERE project_id = :project AND id = :id")
                .param("project", project.value()).param("id", id.value()).param("text", text)
                .param("at", Timestamp.from(at)).update() > 0;
    }

    public boolean delete(ProjectId project, FactId id) {
        return jdbc.sql("DELETE FROM agent_memory_facts WHERE project_id = :project AND id = :id")
                .param("project", project.value()).param("id", id.value()).update() > 0;
    }

    public void deleteProject(ProjectId project) {
        jdbc.sql("DELETE FROM agent_memory_facts WHERE project_id = :project").param("project", project.value())
                .update();
    }

    private static MemoryFact map(ResultSet rs, int row) throws SQLException {
        return new MemoryFact(new FactId(rs.getObject("id", UUID.class)),
                new ProjectId(rs.getObject("project_id", UUID.class)), rs.getString("text"),
                FactSource.of(rs.getString("source")), rs.getString("agent_id"),
                new UserId(rs.getObject("created_by", UUID.class)), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
