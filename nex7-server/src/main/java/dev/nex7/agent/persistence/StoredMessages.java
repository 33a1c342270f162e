package dev.nex7.agent.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

import dev.nex7.agent.ContentBlock;
import dev.nex7.agent.ConversationId;
import dev.nex7.agent.Message;
import dev.nex7.agent.MessageId;
import dev.nex7.agent.MessageKind;
import dev.nex7.agent.MessageRole;
import dev.nex7.agent.MessageStatus;
import dev.nex7.agent.MessageUsage;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The messages table. Callers have checked that the conversation is the person's. */
@Repository
public class StoredMessages {

    private static final TypeReference<List<ContentBlock>> BLOCKS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, conversation_id, seq, role, agent_id, target_agent_id, kind, content, "
            + "text, status, input_tokens, output_tokens, cost_usd, provider, model, parent_id, created_at, completed_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    StoredMessages(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The content as it is stored; its size is what the message size limit counts. */
    public String contentJson(List<ContentBlock> content) {
        return json.writerFor(BLOCKS).writeValueAsString(content);
    }

    public void insert(Message message, String contentJson) {
        withUsage(jdbc.sql("""
                INSERT INTO agent_messages (id, conversation_id, seq, role, agent_id, target_agent_id, kind, content,
                                            text, status, input_tokens, output_tokens, cost_usd, provider, model,
                                            parent_id, created_at, completed_at)
                VALUES (:id, :conversation, :seq, :role, :agent, :target, :kind, :content, :text, :status,
                        :inputTokens, :outputTokens, :cost, :provider, :model, :parent, :createdAt, :completedAt)
                """), message.usage())
                .param("id", message.id().value()).param("conversation", message.conversationId().value())
                .param("seq", message.seq()).param("role", message.role().id()).param("agent", message.agentId())
                .param("target", message.targetAgentId()).param("kind", message.kind().id())
                .param("content", contentJson).param("text", message.text()).param("status", message.status().id())
                .param("parent", message.parentId() == null ? null : message.parentId().value())
                .param("createdAt", Timestamp.from(message.createdAt()))
                .param("completedAt", message.completedAt() == null ? null : Timestamp.from(message.completedAt()))
                .update();
    }

    public Optional<Message> find(MessageId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_messages WHERE id = :id").param("id", id.value())
                .query(this::map).optional();
    }

    /** Finishes a message that is still streaming; {@code false} when there is none such. */
    public boolean complete(MessageId id, String contentJson, String text, MessageStatus status, MessageUsage usage,
            Instant at) {
        return withUsage(jdbc.sql("""
                UPDATE agent_messages SET content = :content, text = :text, status = :status,
                       input_tokens = :inputTokens, output_tokens = :outputTokens, cost_usd = :cost,
                       provider = :provider, model = :model, completed_at = :at
                WHERE id = :id AND status = 'streaming'
                """), usage)
                .param("id", id.value()).param("content", contentJson).param("text", text)
                .param("status", status.id())
                .param("at", Timestamp.from(at)).update() > 0;
    }

    /** Messages after {@code afterSeq}, consultations' inner ones included, oldest first. */
    public List<Message> after(ConversationId conversation, long afterSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_messages WHERE conversation_id = :conversation"
                + " AND seq > :after ORDER BY seq LIMIT :limit")
                .param("conversation", conversation.value()).param("after", afterSeq).param("limit", limit)
                .query(this::map).list();
    }

    /**
     * The newest {@code limit} of the conversation's own messages after {@code afterSeq} (not those
     * inside consultations), oldest first.
     */
    public List<Message> latest(ConversationId conversation, long afterSeq, int limit) {
        return jdbc.sql("SELECT * FROM (SELECT " + COLUMNS + " FROM agent_messages"
                + " WHERE conversation_id = :conversation AND parent_id IS NULL AND seq > :after"
                + " ORDER BY seq DESC LIMIT :limit) newest ORDER BY seq")
                .param("conversation", conversation.value()).param("after", afterSeq).param("limit", limit)
                .query(this::map).list();
    }

    private static StatementSpec withUsage(StatementSpec statement, MessageUsage usage) {
        return statement.param("inputTokens", usage == null ? null : usage.inputTokens())
                .param("outputTokens", usage == null ? null : usage.outputTokens())
                .param("cost", usage == null ? null : usage.costUsd())
                .param("provider", usage == null ? null : usage.provider())
                .param("model", usage == null ? null : usage.model());
    }

    private Message map(ResultSet rs, int row) throws SQLException {
        UUID parent = rs.getObject("parent_id", UUID.class);
        Timestamp completed = rs.getTimestamp("completed_at");
        return new Message(new MessageId(rs.getObject("id", UUID.class)),
                new ConversationId(rs.getObject("conversation_id", UUID.class)), rs.getLong("seq"),
                MessageRole.of(rs.getString("role")), rs.getString("agent_id"), rs.getString("target_agent_id"),
                MessageKind.of(rs.getString("kind")), json.readValue(rs.getString("content"), BLOCKS),
                rs.getString("text"), MessageStatus.of(rs.getString("status")), usage(rs),
                parent == null ? null : new MessageId(parent), rs.getTimestamp("created_at").toInstant(),
                completed == null ? null : completed.toInstant());
    }

    private static MessageUsage usage(ResultSet rs) throws SQLException {
        String provider = rs.getString("provider");
        long input = rs.getLong("input_tokens");
        if (rs.wasNull()) {
            return null;
        }
        BigDecimal cost = rs.getBigDecimal("cost_usd");
        return new MessageUsage(input, rs.getLong("output_tokens"), cost, provider, rs.getString("model"));
    }
}
