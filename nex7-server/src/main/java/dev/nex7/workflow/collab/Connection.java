package dev.nex7.workflow.collab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import dev.nex7.identity.UserId;
import dev.nex7.workflow.WorkflowId;

/**
 * One browser's WebSocket to one workflow: who it is, whether it may edit, the awareness client ids
 * it announced (removed for the others when it closes), and the message it is receiving in parts.
 */
final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final WebSocketSession session;
    private final WorkflowId workflow;
    private final UserId user;
    private final boolean editor;
    private final Set<Long> presences = new HashSet<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    Connection(WebSocketSession session, WorkflowId workflow, UserId user, boolean editor) {
        this.session = session;
        this.workflow = workflow;
        this.user = user;
        this.editor = editor;
    }

    String id() {
        return session.getId();
    }

    WorkflowId workflow() {
        return workflow;
    }

    UserId user() {
        return user;
    }

    /** Editors and owners edit; viewers receive everything and announce their presence, but cannot edit. */
    boolean editor() {
        return editor;
    }

    /** The awareness client ids this connection announced; guarded by its room's lock. */
    Set<Long> presences() {
        return presences;
    }

    /** Sends a message; a connection that cannot take it (gone, or too slow) is closed. */
    void send(byte[] message) {
        try {
            session.sendMessage(new BinaryMessage(message));
        } catch (IOException | RuntimeException failed) {
            log.debug("Closing collaboration connection {} of workflow {}: {}", id(), workflow, failed.toString());
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException alreadyGone) {
            log.debug("Collaboration connection {} was already closed: {}", id(), alreadyGone.toString());
        }
    }

    /**
     * Adds a part of a message; answers the whole message once the last part is in, otherwise {@code null}.
     *
     * @throws MessageTooLarge when the message grows past {@code limit} bytes
     */
    byte[] receive(byte[] part, boolean last, long limit) {
        if (partial.size() + (long) part.length > limit) {
            partial.reset();
            throw new MessageTooLarge();
        }
        if (last && partial.size() == 0) {
            return part;
        }
        partial.writeBytes(part);
        if (!last) {
            return null;
        }
        byte[] whole = partial.toByteArray();
        partial.reset();
        return whole;
    }

    /** A message is larger than {@link CollabSettings#maxMessageSize()}. */
    static final class MessageTooLarge extends RuntimeException {
        MessageTooLarge() {
            super(null, null, false, false);
        }
    }
}
