package dev.nex7.agent.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;

/** Which agents are switched off in which project; an agent without a row is on. */
@Repository
public class DisabledAgents {

    private final JdbcClient jdbc;

    DisabledAgents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Set<String> in(ProjectId project) {
        return Set.copyOf(jdbc.sql("SELECT agent_id FROM agent_disabled_agents WHERE project_id = :project")
                .param("project", project.value()).query(String.class).list());
    }

    public void disable(ProjectId project, String agentId, UserId by, Instant at) {
        jdbc.sql("""
                INSERT INTO agent_disabled_agents (project_id, agent_id, disabled_by, disabled_at)
                VALUES (:project, :agent, :by, :at)
                ON CONFLICT (project_id, agent_id) DO NOTHING
                """)
                .param("project", project.value()).param("agent", agentId).param("by", by.value())
                .param("at", Timestamp.from(at)).update();
    }

    public void enable(ProjectId project, String agentId) {
        jdbc.sql("DELETE FROM agent_disabled_agents WHERE project_id = :project AND agent_id = :agent")
                .param("project", project.value()).param("agent", agentId).update();
    }

    /** Forgets an agent that no longer exists, so an agent created later under its id starts enabled. */
    public void forgetAgent(String agentId) {
        jdbc.sql("DELETE FROM agent_disabled_agents WHERE agent_id = :agent").param("agent", agentId).update();
    }

    public void forgetProject(ProjectId project) {
        jdbc.sql("DELETE FROM agent_disabled_agents WHERE project_id = :project").param("project", project.value())
                .update();
    }
}
