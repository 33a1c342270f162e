package dev.nex7.agent.chat;

import dev.nex7.agent.ContentBlock;
import dev.nex7.agent.Message;
import dev.nex7.agent.MessageId;

/** Where a turn reports what happens, as it happens (the chat's event stream). */
public interface TurnSink {

    /** A message was appended or changed (a streamed answer starting, then finished). */
    void message(Message message);

    /** Text the model wrote, appended to a streaming message. */
    void delta(MessageId message, String text);

    /** The conversation's current agent changed. */
    void agent(String agentId);

    /** An agent asks to use a tool that changes something; the turn waits for the person. */
    void confirm(Message toolCall, ContentBlock.ToolUse use, String description);

    /** The turn ended: {@code complete}, {@code stopped}, {@code failed} or {@code awaiting-confirmation}. */
    void done(String status, String currentAgentId);
}
