package dev.nex7.agent.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.nex7.agent.ContentBlock;
import dev.nex7.agent.Message;
import dev.nex7.agent.MessageKind;
import dev.nex7.agent.MessageStatus;
import dev.nex7.llm.ModelMessage;
import dev.nex7.llm.TextBlock;
import dev.nex7.llm.ToolResultBlock;
import dev.nex7.llm.ToolUseBlock;

/**
 * Turns a conversation's stored messages into what a model reads: the person's words as user
 * messages, the agents' answers (another agent's prefixed with its name), every tool call and its
 * result (so an agent remembers what its tools said), handoffs as a note of who handed what to whom.
 * Neighbouring messages of one role merge into one, the history starts with the person, and a tool
 * call without a result (a turn that was stopped, a confirmation never given) gets one saying so: the
 * providers refuse a history that breaks those rules.
 */
final class ModelHistory {

    private ModelHistory() {
    }

    /** Characters per token, for budgeting without a tokenizer. */
    static final int CHARS_PER_TOKEN = 4;

    /**
     * @param agentId the agent the history is for (its own answers are not prefixed)
     * @param names agent id → display name
     * @param toolName stored tool name → the name the model knows it by
     */
    static List<ModelMessage> of(List<Message> messages, String agentId, Map<String, String> names, Function<String, String> toolName) {
        Set<String> answered = new HashSet<>();
        messages.stream().filter(m -> m.kind() == MessageKind.TOOL_RESULT).flatMap(m -> m.content().stream())
                .filter(ContentBlock.ToolResult.class::isInstance).map(b -> ((ContentBlock.ToolResult) b).toolUseId()).forEach(answered::add);
        List<ModelMessage> out = new ArrayList<>();
        for (Message message : messages) {
            switch (message.kind()) {
                case MESSAGE -> {
                    String text = message.text() == null ? "" : message.text().strip();
                    if (message.role() == dev.nex7.agent.MessageRole.USER) {
                        add(out, ModelMessage.Role.USER, new TextBlock(text.isEmpty() ? "(empty message)" : text));
                    } else if (!text.isEmpty() && message.status() != MessageStatus.STREAMING) {
                        String speaker = message.agentId() != null && !message.agentId().equals(agentId)
                                ? "[" + names.getOrDefault(message.agentId(), message.agentId()) + "] " : "";
                        String cut = message.status() == MessageStatus.STOPPED ? "\n\n(stopped by the person here)" : "";
                        add(out, ModelMessage.Role.ASSISTANT, new TextBlock(speaker + text + cut));
                    }
                }
                case TOOL_CALL -> {
                    for (ContentBlock block : message.content()) {
                        if (block instanceof ContentBlock.ToolUse use) {
                            add(out, ModelMessage.Role.ASSISTANT, new ToolUseBlock(use.id(), toolName.apply(use.name()),
                                    use.input() == null ? Map.of() : use.input()));
                            if (!answered.contains(use.id())) {
                                add(out, ModelMessage.Role.USER, new ToolResultBlock(use.id(),
                                        "Not run: the turn ended before this tool ran (stopped, or the person did not confirm it).", true));
                            }
                        }
                    }
                }
                case TOOL_RESULT -> {
                    for (ContentBlock block : message.content()) {
                        if (block instanceof ContentBlock.ToolResult result) {
                            add(out, ModelMessage.Role.USER, new ToolResultBlock(result.toolUseId(), result.content(), result.error()));
                        }
                    }
                }
                case HANDOFF -> add(out, ModelMessage.Role.ASSISTANT, new TextBlock("[" + names.getOrDefault(message.agentId(), message.agentId())
                        + " handed the conversation to " + names.getOrDefault(message.targetAgentId(), message.targetAgentId()) + ": "
                        + message.text() + "]"));
                default -> {
                    // consultations live in their tool call and result; notices and errors are for the person
                }
            }
        }
        if (out.isEmpty() || out.getFirst().role() != ModelMessage.Role.USER) {
            out.addFirst(ModelMessage.user("(The earlier conversation is summarised in the system prompt.)"));
        }
        return out;
    }

    /** Appends a block, merging with the last message when it has the same role (tool results before text). */
    private static void add(List<ModelMessage> out, ModelMessage.Role role, dev.nex7.llm.ContentBlock block) {
        if (!out.isEmpty() && out.getLast().role() == role) {
            List<dev.nex7.llm.ContentBlock> merged = new ArrayList<>(out.getLast().content());
            if (block instanceof ToolResultBlock) {
                int firstNonResult = 0;
                while (firstNonResult < merged.size() && merged.get(firstNonResult) instanceof ToolResultBlock) {
                    firstNonResult++;
                }
                merged.add(firstNonResult, block);
            } else {
                merged.add(block);
            }
            out.set(out.size() - 1, new ModelMessage(role, merged));
        } else {
            out.add(new ModelMessage(role, List.of(block)));
        }
    }

    /** A rough token count of a stored message, for the history budget. */
    static int tokens(Message message) {
        int chars = message.text() == null ? 0 : message.text().length();
        for (ContentBlock block : message.content()) {
            if (block instanceof ContentBlock.ToolUse use) {
                chars += String.valueOf(use.input()).length() + use.name().length();
            } else if (block instanceof ContentBlock.ToolResult result) {
                chars += result.content() == null ? 0 : result.content().length();
            }
        }
        return chars / CHARS_PER_TOKEN + 4;
    }

    /** The stored form of a model's content. */
    static List<ContentBlock> stored(List<dev.nex7.llm.ContentBlock> content, Function<String, String> storedToolName) {
        List<ContentBlock> blocks = new ArrayList<>();
        for (dev.nex7.llm.ContentBlock block : content) {
            switch (block) {
                case TextBlock text -> blocks.add(new ContentBlock.Text(text.text()));
                case ToolUseBlock use -> blocks.add(new ContentBlock.ToolUse(use.id(), storedToolName.apply(use.name()),
                        use.input() == null ? Map.of() : new LinkedHashMap<>(use.input())));
                case ToolResultBlock result -> blocks.add(new ContentBlock.ToolResult(result.toolUseId(), result.content(), result.error()));
            }
        }
        return blocks;
    }
}
