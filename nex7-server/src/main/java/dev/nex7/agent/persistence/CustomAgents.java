package dev.nex7.agent.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

import dev.nex7.agent.AgentDefinition;
import dev.nex7.identity.UserId;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The agents admins defined. */
@Repository
public class CustomAgents {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, name, persona, system_prompt, tools, models, avatar, color, hands_off_to";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CustomAgents(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<AgentDefinition> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_custom_agents ORDER BY lower(name), id").query(this::map)
                .list();
    }

    public Optional<AgentDefinition> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_custom_agents WHERE id = :id").param("id", id)
                .query(this::map).optional();
    }

    /** @throws org.springframework.dao.DuplicateKeyException when a custom agent has this id */
    public void insert(AgentDefinition agent, UserId by, Instant at) {
        bind(jdbc.sql("""
                INSERT INTO agent_custom_agents (id, name, persona, system_prompt, tools, models, avatar, color,
                                                 hands_off_to, created_by, created_at, updated_by, updated_at)
                VALUES (:id, :name, :persona, :prompt, :tools, :models, :avatar, :color, :handsOffTo,
                        :by, :at, :by, :at)
                """), agent, by, at).update();
    }

    public boolean update(AgentDefinition agent, UserId by, Instant at) {
        return bind(jdbc.sql("""
                UPDATE agent_custom_agents SET name = :name, persona = :persona, system_prompt = :prompt,
                       tools = :tools, models = :models, avatar = :avatar, color = :color,
                       hands_off_to = :handsOffTo, updated_by = :by, updated_at = :at
                WHERE id = :id
                """), agent, by, at).update() > 0;
    }

    public boolean delete(String id) {
        return jdbc.sql("DELETE FROM agent_custom_agents WHERE id = :id").param("id", id).update() > 0;
    }

    private StatementSpec bind(StatementSpec statement, AgentDefinition agent, UserId by, Instant at) {
        return statement.param("id", agent.id()).param("name", agent.name()).param("persona", agent.persona())
                .param("prompt", agent.systemPrompt()).param("tools", json.writeValueAsString(agent.tools()))
                .param("models", json.writeValueAsString(agent.models())).param("avatar", agent.avatar())
                .param("color", agent.color()).param("handsOffTo", json.writeValueAsString(agent.handsOffTo()))
                .param("by", by.value()).param("at", Timestamp.from(at));
    }

    private AgentDefinition map(ResultSet rs, int row) throws SQLException {
        return new AgentDefinition(rs.getString("id"), rs.getString("name"), rs.getString("persona"),
                rs.getString("system_prompt"), json.readValue(rs.getString("tools"), STRINGS),
                json.readValue(rs.getString("models"), STRINGS), rs.getString("avatar"), rs.getString("color"),
                AgentDefinition.CUSTOM, json.readValue(rs.getString("hands_off_to"), STRINGS));
    }
}
