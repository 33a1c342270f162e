package dev.nex7.agent;

/**
 * The rolling summary of a conversation's older messages, which memory sends instead of them.
 *
 * @param text the summary, as the model wrote it
 * @param throughSeq the last message it covers
 */
public record ConversationSummary(String text, long throughSeq) {
}
