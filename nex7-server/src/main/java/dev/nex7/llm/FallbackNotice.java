package dev.nex7.llm;

/**
 * The gateway moved a call from one provider to the next.
 *
 * @param fromProvider the provider given up on
 * @param toProvider the provider tried next
 * @param reason why, in words fit for the user ("overloaded (529) after 3 attempts", "circuit open")
 */
public record FallbackNotice(String fromProvider, String toProvider, String reason) {
}
