package dev.nex7.agent.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.nex7.agent.ContentBlock;
import dev.nex7.agent.Conversation;
import dev.nex7.agent.Conversations.Changes;
import dev.nex7.agent.Message;
import dev.nex7.agent.MessageKind;
import dev.nex7.agent.MessageRole;
import dev.nex7.agent.MessageStatus;
import dev.nex7.agent.MessageUsage;
import dev.nex7.platform.Patch;
import dev.nex7.project.ProjectId;
import io.swagger.v3.oas.annotations.media.Schema;

/** What the conversation API answers with and reads. */
final class ConversationViews {

    private ConversationViews() {
    }

    /**
     * A conversation.
     *
     * @param projectId the project it is bound to, or null
     * @param currentAgentId the agent that answers next unless another is named
     * @param hasSummary whether older messages are summarised (GET …/summary shows it)
     * @param lastSeq the seq of the newest message (0: none yet)
     */
    record ConversationView(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
            UUID projectId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String currentAgentId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean hasSummary,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long lastSeq,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant updatedAt) {

        static ConversationView of(Conversation c) {
            return new ConversationView(c.id().value(), c.title(), c.projectId() == null ? null : c.projectId().value(),
                    c.currentAgentId(), c.hasSummary(), c.lastSeq(), c.createdAt(), c.updatedAt());
        }
    }

    /** What a model call cost. */
    record UsageView(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long inputTokens,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long outputTokens,
            BigDecimal costUsd, String provider, String model) {

        static UsageView of(MessageUsage usage) {
            return usage == null ? null : new UsageView(usage.inputTokens(), usage.outputTokens(), usage.costUsd(),
                    usage.provider(), usage.model());
        }
    }

    /**
     * A message.
     *
     * @param targetAgentId the agent a handoff hands to or a consultation asks
     * @param parentId the consultation this message belongs to (show it collapsed under it), or null
     */
    record MessageView(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long seq,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) MessageRole role,
            String agentId,
            String targetAgentId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) MessageKind kind,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<ContentBlock> content,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Plain text of the content") String text,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) MessageStatus status,
            UsageView usage,
            UUID parentId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
            Instant completedAt) {

        static MessageView of(Message m) {
            return new MessageView(m.id().value(), m.seq(), m.role(), m.agentId(), m.targetAgentId(), m.kind(),
                    m.content(), m.text(), m.status(), UsageView.of(m.usage()),
                    m.parentId() == null ? null : m.parentId().value(), m.createdAt(), m.completedAt());
        }
    }

    /**
     * The rolling summary of the older messages.
     *
     * @param text null while there is none
     * @param throughSeq the last message it covers (0: none)
     */
    record SummaryView(String text, @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long throughSeq) {
    }

    /**
     * A new conversation.
     *
     * @param title "New conversation" when left out
     * @param projectId bind it to this project (you need a role in it)
     * @param agentId the agent that answers first; Nexy when left out
     */
    record CreateConversationRequest(String title, UUID projectId, String agentId) {
    }

    /** A partial change: a member left out keeps its value; {@code projectId: null} unbinds. */
    @Schema(name = "UpdateConversationRequest")
    public static final class UpdateConversationRequest {

        private Patch<String> title = Patch.absent();
        private Patch<UUID> projectId = Patch.absent();

        @Schema(minLength = 1)
        public void setTitle(String value) {
            title = Patch.of(value);
        }

        @Schema(description = "Bind to this project (you need a role in it); null unbinds")
        public void setProjectId(UUID value) {
            projectId = Patch.of(value);
        }

        Changes changes() {
            var project = projectId.change();
            return new Changes(title.change(), project == null ? null : project.map(ProjectId::new));
        }
    }
}
