package dev.nex7.llm;

/**
 * One piece of a message: text, a tool call the model made, or the result of one that the caller
 * ran. Provider formats are translated to and from these, so a conversation started on one provider
 * can continue on another.
 */
public sealed interface ContentBlock permits TextBlock, ToolUseBlock, ToolResultBlock {
}
