package dev.nex7.workflow.nodes.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message whose {@code Message-ID} comes from the node run's idempotency key instead of being made
 * up when it is sent. A run the engine repeats because its result was not recorded sends the same
 * Message-ID again, so that the receiving side can recognise, and mail systems that deduplicate
 * can drop, the second copy. The key itself is not revealed: only a hash of it is.
 */
public final class IdentifiedMessage extends MimeMessage {

    private final String messageId;

    public IdentifiedMessage(Session session, String idempotencyKey, String domain) {
        super(session);
        this.messageId = messageId(idempotencyKey, domain);
    }

    /** {@code <hash-of-key.nex7@domain>}: the same key and domain always give the same id. */
    public static String messageId(String idempotencyKey, String domain) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(hash, 0, 20) + ".nex7@" + domain + ">";
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", missing);
        }
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
