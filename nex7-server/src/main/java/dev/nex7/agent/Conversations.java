package dev.nex7.agent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.agent.conversation.MarkdownExport;
import dev.nex7.agent.conversation.SearchTerms;
import dev.nex7.agent.persistence.StoredConversations;
import dev.nex7.agent.persistence.StoredMessages;
import dev.nex7.agent.registry.DefinitionRules;
import dev.nex7.identity.UserDirectory;
import dev.nex7.identity.UserId;
import dev.nex7.identity.UserSummary;
import dev.nex7.platform.ApiProblem.FieldError;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.platform.PageQuery;
import dev.nex7.platform.PageView;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's conversations with the agents and their messages. The methods that take a
 * {@link UserId} act for that person and find only their conversations (another person's is
 * {@link ConversationNotFound}, as if it did not exist); the others are for the turn orchestration,
 * which has found the conversation for its person first.
 */
@Service
public class Conversations {

    /** Sort fields the conversation list accepts: newest activity first. */
    public static final Map<String, String> SORTS = Map.of("updatedAt", "c.updated_at", "createdAt", "c.created_at");
    public static final String DEFAULT_TITLE = "New conversation";
    /** The most messages one read returns. */
    public static final int MAX_PAGE = 500;

    private final StoredConversations conversations;
    private final StoredMessages messages;
    private final AgentRegistry agents;
    private final ProjectAccess access;
    private final UserDirectory users;
    private final AgentSettings settings;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    Conversations(StoredConversations conversations, StoredMessages messages, AgentRegistry agents,
            ProjectAccess access, UserDirectory users, AgentSettings settings, ApplicationEventPublisher events,
            JsonMapper json, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.agents = agents;
        this.access = access;
        this.users = users;
        this.settings = settings;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** On update, {@code null} keeps a field and an empty Optional clears it. */
    public record Changes(Optional<String> title, Optional<ProjectId> project) {
    }

    /**
     * Starts a conversation.
     *
     * @param title {@code null} for {@link #DEFAULT_TITLE}
     * @param project {@code null} for none; binding needs a role in the project (viewer or more)
     * @param agentId the agent that answers first; {@code null} for Nexy. It must be enabled in the project.
     */
    @Transactional
    public Conversation create(UserId owner, String title, ProjectId project, String agentId) {
        List<FieldError> errors = new ArrayList<>();
        String checkedTitle = title(title == null ? DEFAULT_TITLE : title, errors);
        String agent = agentId == null ? AgentDefinition.NEXY : agentId;
        if (project != null) {
            access.require(project, owner, ProjectRole.VIEWER);
        }
        if (agents.find(agent).isEmpty()) {
            errors.add(new FieldError("agentId", "is not a known agent"));
        } else if (!agents.isEnabled(agent, project)) {
            errors.add(new FieldError("agentId", "is switched off in this project"));
        }
        throwIfAny(errors);
        Instant now = now();
        Conversation conversation = new Conversation(ConversationId.random(), owner, project, checkedTitle, agent, 0, 0,
                now, now);
        conversations.insert(conversation);
        return conversation;
    }

    /** The person's conversation. */
    public Conversation find(ConversationId id, UserId user) {
        return conversations.find(id, user).orElseThrow(ConversationNotFound::new);
    }

    /**
     * The person's conversations, most recently active first.
     *
     * @param q words the title or a message must contain (as prefixes), or {@code null}
     * @param project only those bound to this project, or {@code null}
     */
    public PageView<Conversation> list(UserId user, String q, ProjectId project, PageQuery page) {
        String query = SearchTerms.toTsQuery(q);
        return PageView.of(conversations.page(user, project, query, page), page,
                conversations.count(user, project, query));
    }

    /**
     * Renames the conversation or binds it to another project (viewer or more) or to none. When the
     * current agent is switched off in the new project, Nexy takes over.
     */
    @Transactional
    public Conversation update(ConversationId id, UserId user, Changes changes) {
        Conversation current = find(id, user);
        List<FieldError> errors = new ArrayList<>();
        String title = current.title();
        if (changes.title() != null) {
            title = title(changes.title().orElse(null), errors);
        }
        ProjectId project = changes.project() == null ? current.projectId() : changes.project().orElse(null);
        throwIfAny(errors);
        if (project != null && !project.equals(current.projectId())) {
            access.require(project, user, ProjectRole.VIEWER);
        }
        String agent = agents.isEnabled(current.currentAgentId(), project) ? current.currentAgentId()
                : AgentDefinition.NEXY;
        Conversation updated = new Conversation(id, user, project, title, agent, current.summaryThroughSeq(),
                current.lastSeq(), current.createdAt(), now());
        conversations.update(updated);
        return updated;
    }

    /** Deletes the person's conversation with all its messages. */
    @Transactional
    public void delete(ConversationId id, UserId user) {
        if (!conversations.delete(id, user)) {
            throw new ConversationNotFound();
        }
        events.publishEvent(new ConversationDeleted(id, user));
    }

    /**
     * The person's messages after {@code afterSeq}, oldest first, consultations' inner messages
     * included (they carry their consultation's id as {@code parentId}).
     */
    public List<Message> messages(ConversationId id, UserId user, long afterSeq, int limit) {
        find(id, user);
        return messages.after(id, afterSeq, checkedLimit(limit));
    }

    /** The rolling summary, if one was made. */
    public Optional<ConversationSummary> summary(ConversationId id, UserId user) {
        find(id, user);
        return conversations.summary(id);
    }

    /** The conversation as Markdown: see {@link MarkdownExport}. */
    public String export(ConversationId id, UserId user) {
        Conversation conversation = find(id, user);
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        long after = 0;
        do {
            batch = messages.after(id, after, MAX_PAGE);
            all.addAll(batch);
            after = batch.isEmpty() ? after : batch.getLast().seq();
        } while (batch.size() == MAX_PAGE);
        String person = users.find(user).map(UserSummary::name).orElse("You");
        return new MarkdownExport(json, agentId -> agents.find(agentId).orElse(null), person).render(conversation, all);
    }

    // The orchestration's side: it has found the conversation for its person with find(id, user).

    /**
     * Appends a message and gives it the next seq.
     *
     * @throws ConversationNotFound when the conversation is gone (deleted meanwhile)
     * @throws InvalidRequest when the message is larger than {@code nex7.agent.message-max-size}
     * @throws IllegalArgumentException when the message is not well-formed (see {@link NewMessage})
     */
    @Transactional
    public Message append(ConversationId id, NewMessage message) {
        wellFormed(message);
        if (message.parentId() != null) {
            Message parent = messages.find(message.parentId())
                    .filter(found -> found.conversationId().equals(id) && found.kind() == MessageKind.CONSULTATION)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "parentId must be a consultation message of the same conversation"));
            if (parent.parentId() != null) {
                throw new IllegalArgumentException("consultations do not nest in storage: parentId is itself inner");
            }
        }
        String text = message.text() != null ? message.text() : plainText(message.content());
        String content = checkedSize(message.content(), text);
        Instant now = now();
        long seq = conversations.nextSeq(id, now).orElseThrow(ConversationNotFound::new);
        Message stored = new Message(MessageId.random(), id, seq, message.role(), message.agentId(),
                message.targetAgentId(), message.kind(), message.content(), text, message.status(), message.usage(),
                message.parentId(), now, message.status().isFinal() ? now : null);
        messages.insert(stored, content);
        return stored;
    }

    /**
     * Finishes a streamed message with what the model wrote.
     *
     * @param text the plain text, or {@code null} to derive it from the content
     * @param status a final status: complete, stopped or failed
     * @throws IllegalStateException when the message does not exist or is no longer streaming
     */
    @Transactional
    public Message complete(MessageId id, List<ContentBlock> content, String text, MessageStatus status,
            MessageUsage usage) {
        if (status == null || !status.isFinal()) {
            throw new IllegalArgumentException("a message is completed with a final status, not " + status);
        }
        List<ContentBlock> blocks = content == null ? List.of() : List.copyOf(content);
        wellFormed(blocks);
        String plain = text != null ? text : plainText(blocks);
        String json = checkedSize(blocks, plain);
        if (!messages.complete(id, json, plain, status, usage, now())) {
            throw new IllegalStateException("message " + id + " does not exist or is not streaming");
        }
        return messages.find(id).orElseThrow();
    }

    /**
     * The newest {@code limit} of the conversation's own messages after {@code afterSeq}, oldest
     * first: what memory sends to the model after the summary (which covers up to
     * {@link Conversation#summaryThroughSeq()}). A consultation's inner messages are left out; its
     * answer is in the conversation as a tool result.
     */
    public List<Message> history(ConversationId id, long afterSeq, int limit) {
        return messages.latest(id, afterSeq, checkedLimit(limit));
    }

    /** A conversation by id alone, for the orchestration. */
    public Optional<Conversation> find(ConversationId id) {
        return conversations.find(id);
    }

    /** The rolling summary, for the orchestration. */
    public Optional<ConversationSummary> summary(ConversationId id) {
        return conversations.summary(id);
    }

    /**
     * Stores the summary of the messages up to {@code throughSeq}. A summary never moves back: one
     * that covers no more than the stored one is ignored ({@code false}).
     *
     * @throws IllegalArgumentException when {@code throughSeq} is past the last message
     */
    @Transactional
    public boolean saveSummary(ConversationId id, String summary, long throughSeq) {
        Conversation conversation = conversations.find(id).orElseThrow(ConversationNotFound::new);
        if (throughSeq < 1 || throughSeq > conversation.lastSeq()) {
            throw new IllegalArgumentException("throughSeq " + throughSeq + " is not a message of the conversation");
        }
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("a summary has text");
        }
        checkedSize(List.of(), summary);
        return conversations.saveSummary(id, summary.strip(), throughSeq);
    }

    /** Makes {@code agentId} the agent that answers next (after a handoff). */
    @Transactional
    public void setCurrentAgent(ConversationId id, String agentId) {
        agents.require(agentId);
        if (!conversations.setCurrentAgent(id, agentId)) {
            throw new ConversationNotFound();
        }
    }

    /** Unbinds the person's conversations from a project that is gone. */
    void unbindProject(ProjectId project) {
        conversations.unbindProject(project);
    }

    private String title(String title, List<FieldError> errors) {
        String stripped = title == null ? "" : title.strip();
        if (stripped.isEmpty() || stripped.length() > settings.titleMaxLength()) {
            errors.add(new FieldError("title", "must be 1 to " + settings.titleMaxLength() + " characters"));
        }
        return stripped;
    }

    private String checkedSize(List<ContentBlock> content, String text) {
        String stored = messages.contentJson(content);
        long size = (long) stored.getBytes(StandardCharsets.UTF_8).length + text.getBytes(StandardCharsets.UTF_8).length;
        if (size > settings.messageMaxSize().toBytes()) {
            throw new InvalidRequest("content", "a message holds at most " + settings.messageMaxSize().toKilobytes()
                    + " KB (content and text together)");
        }
        return stored;
    }

    private static void wellFormed(NewMessage message) {
        if (message.role() == null || message.kind() == null || message.status() == null) {
            throw new IllegalArgumentException("a message has a role, a kind and a status");
        }
        if (message.status() == MessageStatus.STREAMING && message.role() != MessageRole.ASSISTANT) {
            throw new IllegalArgumentException("only an agent's answer is streamed");
        }
        boolean targeted = message.kind() == MessageKind.HANDOFF || message.kind() == MessageKind.CONSULTATION;
        if (targeted != (message.targetAgentId() != null)) {
            throw new IllegalArgumentException("handoffs and consultations, and only they, name a target agent");
        }
        if (targeted && message.agentId() == null) {
            throw new IllegalArgumentException("a handoff or a consultation names the agent that makes it");
        }
        for (String agent : new String[] {message.agentId(), message.targetAgentId()}) {
            if (agent != null && !DefinitionRules.isSlug(agent)) {
                throw new IllegalArgumentException("not an agent id: " + agent);
            }
        }
        wellFormed(message.content());
    }

    private static void wellFormed(List<ContentBlock> content) {
        for (ContentBlock block : content) {
            boolean ok = switch (block) {
                case ContentBlock.Text text -> text.text() != null;
                case ContentBlock.ToolUse use -> use.id() != null && use.name() != null && use.input() != null;
                case ContentBlock.ToolResult result -> result.toolUseId() != null && result.content() != null;
            };
            if (!ok) {
                throw new IllegalArgumentException("a content block is missing a field: " + block);
            }
        }
    }

    private static String plainText(List<ContentBlock> content) {
        return content.stream().map(ContentBlock::plainText).filter(text -> !text.isBlank())
                .collect(Collectors.joining("\n\n"));
    }

    private static int checkedLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequest("limit", "must be between 1 and " + MAX_PAGE);
        }
        return limit;
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
