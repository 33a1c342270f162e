package dev.nex7.agent.conversation;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.nex7.agent.AgentDefinition;
import dev.nex7.agent.ContentBlock;
import dev.nex7.agent.Conversation;
import dev.nex7.agent.Message;
import dev.nex7.agent.MessageId;
import dev.nex7.agent.MessageKind;
import dev.nex7.agent.MessageRole;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.json.JsonMapper;

/**
 * A conversation as a Markdown document a person can keep or share: who spoke, what was said,
 * handoffs as quotes, consultations and tool calls as collapsed {@code <details>} sections (GitHub
 * and most Markdown viewers fold them) with tool inputs as fenced JSON.
 */
public final class MarkdownExport {

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern BACKTICKS = Pattern.compile("`+");
    /** {@code "key": value}, as people write JSON, rather than Jackson's default {@code "key" : value}. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER));

    private final JsonMapper json;
    private final Function<String, AgentDefinition> agents;
    private final String personName;
    private final Map<String, String> toolNames = new HashMap<>();
    private final StringBuilder out = new StringBuilder();

    /**
     * @param agents finds an agent by id; {@code null} for one that is gone (its id is shown)
     * @param personName the name of the person whose conversation it is
     */
    public MarkdownExport(JsonMapper json, Function<String, AgentDefinition> agents, String personName) {
        this.json = json;
        this.agents = agents;
        this.personName = personName;
    }

    /** Renders the conversation; {@code messages} in seq order, consultations' inner ones included. */
    public String render(Conversation conversation, List<Message> messages) {
        Map<MessageId, List<Message>> inner = new LinkedHashMap<>();
        List<Message> own = new ArrayList<>();
        for (Message message : messages) {
            if (message.parentId() == null) {
                own.add(message);
            } else {
                inner.computeIfAbsent(message.parentId(), parent -> new ArrayList<>()).add(message);
            }
        }
        out.append("# ").append(oneLine(conversation.title())).append("\n\n");
        out.append("- Started ").append(STARTED.format(conversation.createdAt())).append('\n');
        List<String> agentNames = participants(messages).stream().map(this::name).toList();
        if (!agentNames.isEmpty()) {
            out.append("- Agents: ").append(String.join(", ", agentNames)).append('\n');
        }
        out.append("\n---\n");
        String speaker = null;
        for (Message message : own) {
            speaker = message(message, speaker, inner);
        }
        return out.toString();
    }

    /** Renders one of the conversation's own messages; returns who speaks after it. */
    private String message(Message message, String speaker, Map<MessageId, List<Message>> inner) {
        switch (message.kind()) {
            case HANDOFF -> {
                out.append("\n> **").append(name(message.agentId())).append(" handed the conversation to ")
                        .append(name(message.targetAgentId())).append(".**\n");
                quote(message.text());
                return null;
            }
            case CONSULTATION -> {
                consultation(message, inner.getOrDefault(message.id(), List.of()));
                // After a folded section the reader may have lost track: name the speaker again.
                return null;
            }
            case NOTICE, ERROR -> {
                out.append("\n> ").append(message.kind() == MessageKind.ERROR ? "⚠️ **Error:** " : "ℹ️ ")
                        .append(message.text().strip().replace("\n", "\n> ")).append('\n');
                return null;
            }
            default -> {
                String who = speakerOf(message);
                if (who != null && !who.equals(speaker)) {
                    out.append("\n### ").append(heading(message)).append('\n');
                }
                blocks(message);
                return who == null ? speaker : who;
            }
        }
    }

    private void consultation(Message message, List<Message> thread) {
        out.append("\n<details>\n<summary>💬 ").append(name(message.agentId())).append(" consulted ")
                .append(name(message.targetAgentId())).append(": ").append(escapeHtml(oneLine(message.text())))
                .append("</summary>\n");
        for (Message reply : thread) {
            String who = reply.role() == MessageRole.USER || reply.agentId() == null ? name(message.agentId())
                    : name(reply.agentId());
            if (reply.kind() == MessageKind.MESSAGE) {
                out.append("\n**").append(who).append(":**\n");
            }
            blocks(reply);
        }
        out.append("\n</details>\n");
    }

    private void blocks(Message message) {
        for (ContentBlock block : message.content()) {
            switch (block) {
                case ContentBlock.Text text -> {
                    if (!text.plainText().isBlank()) {
                        out.append('\n').append(text.plainText().strip()).append('\n');
                    }
                }
                case ContentBlock.ToolUse use -> {
                    toolNames.put(use.id(), use.name());
                    details("🔧 Used " + use.name(), "json",
                            json.writer().with(PRETTY).writeValueAsString(use.input()));
                }
                case ContentBlock.ToolResult result -> {
                    String tool = toolNames.getOrDefault(result.toolUseId(), "a tool");
                    details((result.error() ? "⚠️ " + tool + " failed" : "📄 Result of " + tool), "",
                            result.plainText());
                }
            }
        }
        switch (message.status()) {
            case STOPPED -> out.append("\n_(stopped)_\n");
            case FAILED -> out.append("\n_(failed)_\n");
            case STREAMING -> out.append("\n_(still being written when exported)_\n");
            default -> {
            }
        }
    }

    private void details(String summary, String language, String body) {
        String fence = fenceFor(body);
        out.append("\n<details>\n<summary>").append(escapeHtml(summary)).append("</summary>\n\n")
                .append(fence).append(language).append('\n').append(body.strip()).append('\n').append(fence)
                .append("\n\n</details>\n");
    }

    private void quote(String text) {
        if (!text.isBlank()) {
            out.append(">\n> ").append(text.strip().replace("\n", "\n> ")).append('\n');
        }
    }

    /** The person, or the agent, that a message is said by; {@code null} for a tool's result. */
    private String speakerOf(Message message) {
        return switch (message.role()) {
            case USER -> "";
            case ASSISTANT -> Objects.requireNonNullElse(message.agentId(), "nex7");
            case TOOL -> null;
        };
    }

    private String heading(Message message) {
        if (message.role() == MessageRole.USER) {
            return personName;
        }
        AgentDefinition agent = agents.apply(message.agentId());
        return agent == null ? name(message.agentId()) : agent.avatar() + " " + agent.name();
    }

    private String name(String agentId) {
        if (agentId == null) {
            return "NEX7";
        }
        AgentDefinition agent = agents.apply(agentId);
        return agent == null ? agentId : agent.name();
    }

    private static Set<String> participants(List<Message> messages) {
        Set<String> ids = new LinkedHashSet<>();
        for (Message message : messages) {
            if (message.agentId() != null) {
                ids.add(message.agentId());
            }
            if (message.targetAgentId() != null) {
                ids.add(message.targetAgentId());
            }
        }
        return ids;
    }

    /** A fence longer than any run of backticks in the body, so the body cannot close it. */
    private static String fenceFor(String body) {
        int longest = 0;
        Matcher run = BACKTICKS.matcher(body);
        while (run.find()) {
            longest = Math.max(longest, run.group().length());
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
