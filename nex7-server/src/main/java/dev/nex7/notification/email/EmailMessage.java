package dev.nex7.notification.email;

/**
 * A notification email as the outbox keeps it until it is sent.
 *
 * @param to the recipient's address
 * @param subject one line
 * @param text the plain-text body
 * @param html the same as simple HTML
 */
public record EmailMessage(String to, String subject, String text, String html) {
}
