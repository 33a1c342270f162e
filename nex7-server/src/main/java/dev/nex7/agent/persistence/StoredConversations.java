package dev.nex7.agent.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

import dev.nex7.agent.Conversation;
import dev.nex7.agent.ConversationId;
import dev.nex7.agent.ConversationSummary;
import dev.nex7.identity.UserId;
import dev.nex7.platform.PageQuery;
import dev.nex7.project.ProjectId;

/** The conversations table. Reads on a person's behalf name the person, so another's id finds nothing. */
@Repository
public class StoredConversations {

    private static final String COLUMNS = "c.id, c.user_id, c.project_id, c.title, c.current_agent_id, "
            + "c.summary_through_seq, c.last_seq, c.created_at, c.updated_at";
    private static final String OF_USER = " FROM agent_conversations c WHERE c.user_id = :user";
    private static final String IN_PROJECT = " AND c.project_id = :project";
    // The title expression is the one the GIN index is built on, so the index serves it.
    private static final String MATCHING = " AND (to_tsvector('simple', c.title) @@ to_tsquery('simple', :query)"
            + " OR c.id IN (SELECT m.conversation_id FROM agent_messages m"
            + " WHERE m.search @@ to_tsquery('simple', :query)))";

    private final JdbcClient jdbc;

    StoredConversations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Conversation conversation) {
        jdbc.sql("""
                INSERT INTO agent_conversations (id, user_id, project_id, title, current_agent_id, created_at, updated_at)
                VALUES (:id, :user, :project, :title, :agent, :createdAt, :updatedAt)
                """)
                .param("id", conversation.id().value()).param("user", conversation.userId().value())
                .param("project", conversation.projectId() == null ? null : conversation.projectId().value())
                .param("title", conversation.title()).param("agent", conversation.currentAgentId())
                .param("createdAt", Timestamp.from(conversation.createdAt()))
                .param("updatedAt", Timestamp.from(conversation.updatedAt())).update();
    }

    public Optional<Conversation> find(ConversationId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_conversations c WHERE c.id = :id")
                .param("id", id.value()).query(StoredConversations::map).optional();
    }

    public Optional<Conversation> find(ConversationId id, UserId user) {
        return jdbc.sql("SELECT " + COLUMNS + OF_USER + " AND c.id = :id")
                .param("user", user.value()).param("id", id.value()).query(StoredConversations::map).optional();
    }

    /**
     * One page of the person's conversations.
     *
     * @param project only those bound to it, when not {@code null}
     * @param query a {@code to_tsquery} expression the title or a message must match, when not {@code null}
     */
    public List<Conversation> page(UserId user, ProjectId project, String query, PageQuery page) {
        // The ORDER BY column comes from PageQuery's allow-list; everything else is bound.
        String sql = "SELECT " + COLUMNS + OF_USER + filters(project, query) + " ORDER BY " + page.orderBy()
                + ", c.id LIMIT :limit OFFSET :offset";
        return bind(jdbc.sql(sql).param("user", user.value()), project, query)
                .param("limit", page.size()).param("offset", page.offset()).query(StoredConversations::map).list();
    }

    public long count(UserId user, ProjectId project, String query) {
        return bind(jdbc.sql("SELECT count(*)" + OF_USER + filters(project, query)).param("user", user.value()),
                project, query).query(Long.class).single();
    }

    public void update(Conversation conversation) {
        jdbc.sql("""
                UPDATE agent_conversations SET title = :title, project_id = :project, current_agent_id = :agent,
                       updated_at = :updatedAt
                WHERE id = :id
                """)
                .param("id", conversation.id().value()).param("title", conversation.title())
                .param("project", conversation.projectId() == null ? null : conversation.projectId().value())
                .param("agent", conversation.currentAgentId())
                .param("updatedAt", Timestamp.from(conversation.updatedAt())).update();
    }

    public boolean delete(ConversationId id, UserId user) {
        return jdbc.sql("DELETE FROM agent_conversations WHERE id = :id AND user_id = :user")
                .param("id", id.value()).param("user", user.value()).update() > 0;
    }

    /**
     * Takes the next message number. The row stays locked until the transaction ends, so appends to
     * one conversation are numbered one after the other.
     */
    public OptionalLong nextSeq(ConversationId id, Instant now) {
        return jdbc.sql("""
                UPDATE agent_conversations SET last_seq = last_seq + 1, updated_at = :now WHERE id = :id
                RETURNING last_seq
                """).param("id", id.value()).param("now", Timestamp.from(now)).query(Long.class).optional()
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    public boolean setCurrentAgent(ConversationId id, String agentId) {
        return jdbc.sql("UPDATE agent_conversations SET current_agent_id = :agent WHERE id = :id")
                .param("id", id.value()).param("agent", agentId).update() > 0;
    }

    public Optional<ConversationSummary> summary(ConversationId id) {
        return jdbc.sql("SELECT summary, summary_through_seq FROM agent_conversations WHERE id = :id AND summary IS NOT NULL")
                .param("id", id.value())
                .query((rs, row) -> new ConversationSummary(rs.getString("summary"), rs.getLong("summary_through_seq")))
                .optional();
    }

    /** Stores the summary unless a summary covering as much or more is stored already. */
    public boolean saveSummary(ConversationId id, String text, long throughSeq) {
        return jdbc.sql("""
                UPDATE agent_conversations SET summary = :text, summary_through_seq = :through
                WHERE id = :id AND :through <= last_seq AND :through > summary_through_seq
                """).param("id", id.value()).param("text", text).param("through", throughSeq).update() > 0;
    }

    /** Unbinds every conversation from a project that is gone; the conversations themselves stay. */
    public void unbindProject(ProjectId project) {
        jdbc.sql("UPDATE agent_conversations SET project_id = NULL WHERE project_id = :project")
                .param("project", project.value()).update();
    }

    private static String filters(ProjectId project, String query) {
        return (project == null ? "" : IN_PROJECT) + (query == null ? "" : MATCHING);
    }

    private static StatementSpec bind(StatementSpec statement, ProjectId project, String query) {
        StatementSpec bound = project == null ? statement : statement.param("project", project.value());
        return query == null ? bound : bound.param("query", query);
    }

    private static Conversation map(ResultSet rs, int row) throws SQLException {
        UUID project = rs.getObject("project_id", UUID.class);
        return new Conversation(new ConversationId(rs.getObject("id", UUID.class)),
                new UserId(rs.getObject("user_id", UUID.class)), project == null ? null : new ProjectId(project),
                rs.getString("title"), rs.getString("current_agent_id"), rs.getLong("summary_through_seq"),
                rs.getLong("last_seq"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
