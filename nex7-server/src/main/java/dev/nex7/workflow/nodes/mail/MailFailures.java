package dev.nex7.workflow.nodes.mail;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import dev.nex7.integration.OutboundAddressBlocked;
import dev.nex7.plugin.node.NodeFailure;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

/**
 * Turns what Jakarta Mail throws into a node failure that says whether trying again might help: a
 * connection problem, a timeout or a 4xx reply might not happen again; a 5xx reply, a refused
 * sign-in, a bad address, a blocked host or a TLS failure will.
 */
public final class MailFailures {

    private MailFailures() {
    }

    /**
     * The failure for {@code failure}.
     *
     * @param lastReply the last SMTP reply code the transport saw, or -1
     * @param redact removes credential values from any text that came from the server
     */
    public static NodeFailure of(MessagingException failure, int lastReply, UnaryOperator<String> redact) {
        String message = redact.apply(text(failure));
        Optional<OutboundAddressBlocked> blocked = chain(failure, OutboundAddressBlocked.class);
        if (blocked.isPresent()) {
            return NodeFailure.permanent("blocked-address", "The SMTP host " + blocked.get().getMessage());
        }
        if (failure instanceof AuthenticationFailedException) {
            return NodeFailure.permanent("auth-failed", "The SMTP server refused the sign-in: " + message);
        }
        int reply = reply(failure, lastReply);
        if (reply >= 400) {
            boolean rejectedAddress = chain(failure, SMTPAddressFailedException.class).isPresent()
                    || chain(failure, SMTPSenderFailedException.class).isPresent();
            return new NodeFailure(rejectedAddress ? "address-rejected" : "smtp-rejected",
                    "The SMTP server answered " + reply + ": " + message, reply < 500);
        }
        if (chain(failure, SSLException.class).isPresent() || message.contains("STARTTLS")) {
            return NodeFailure.permanent("tls-failed", "TLS with the SMTP server failed: " + message);
        }
        if (chain(failure, SocketTimeoutException.class).isPresent()) {
            return NodeFailure.retryable("timeout", "The SMTP server did not answer in time: " + message);
        }
        if (chain(failure, IOException.class).isPresent()) {
            return NodeFailure.retryable("connect-failed", "The SMTP server could not be reached: " + message);
        }
        return NodeFailure.permanent("smtp-error", message);
    }

    /** The reply code carried by the failure or one it wraps, else the transport's last one. */
    private static int reply(MessagingException failure, int lastReply) {
        var sendFailed = chain(failure, SMTPSendFailedException.class);
        if (sendFailed.isPresent()) {
            return sendFailed.get().getReturnCode();
        }
        var addressFailed = chain(failure, SMTPAddressFailedException.class);
        if (addressFailed.isPresent()) {
            return addressFailed.get().getReturnCode();
        }
        var senderFailed = chain(failure, SMTPSenderFailedException.class);
        if (senderFailed.isPresent()) {
            return senderFailed.get().getReturnCode();
        }
        return lastReply;
    }

    /** The first throwable of {@code type} following causes and Jakarta Mail's chained exceptions. */
    private static <T extends Throwable> Optional<T> chain(Throwable failure, Class<T> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> next = new ArrayDeque<>();
        next.add(failure);
        while (!next.isEmpty()) {
            Throwable current = next.poll();
            if (!seen.add(current)) {
                continue;
            }
            if (type.isInstance(current)) {
                return Optional.of(type.cast(current));
            }
            if (current.getCause() != null) {
                next.add(current.getCause());
            }
            if (current instanceof MessagingException messaging && messaging.getNextException() != null) {
                next.add(messaging.getNextException());
            }
        }
        return Optional.empty();
    }

    private static String text(MessagingException failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String oneLine = message.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 500 ? oneLine.substring(0, 500) + "…" : oneLine;
    }
}
