package dev.nex7.workflow.collab;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The collaboration WebSocket ({@code /api/collab/workflows/{workflowId}?ticket=…}): y-websocket's
 * protocol, binary messages only. A message larger than the limit closes the socket with 1009 and a
 * reason saying so; one that is not a y-websocket message (or carries a malformed update) with 1007;
 * a text message with 1003.
 */
@Component
class CollabSocket extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(CollabSocket.class);
    /** How long a send may block, and how much may queue, before a slow client is dropped. */
    private static final int SEND_TIME_LIMIT_MILLIS = 10_000;

    private final DraftRooms rooms;
    private final CollabSettings settings;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    CollabSocket(DraftRooms rooms, CollabSettings settings) {
        this.rooms = rooms;
        this.settings = settings;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        if (session instanceof StandardWebSocketSession standard) {
            standard.getNativeSession().setMaxIdleTimeout(settings.idleTimeout().toMillis());
        }
        CollabAccess.Grant grant = (CollabAccess.Grant) session.getAttributes().get(CollabHandshake.CONNECTION);
        WebSocketSession sending = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, settings.maxMessageSize().toBytes() * 4));
        Connection connection = new Connection(sending, grant.workflow(), grant.user(), grant.editor());
        connections.put(session.getId(), connection);
        rooms.join(connection);
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        ByteBuffer payload = message.getPayload();
        byte[] part = new byte[payload.remaining()];
        payload.get(part);
        byte[] whole;
        try {
            whole = connection.receive(part, message.isLast(), settings.maxMessageSize().toBytes());
        } catch (Connection.MessageTooLarge tooLarge) {
            connection.close(new CloseStatus(CloseStatus.TOO_BIG_TO_PROCESS.getCode(),
                    "Message too large: the limit is " + settings.maxMessageSize().toBytes() + " bytes"));
            return;
        }
        if (whole == null) {
            return;
        }
        try {
            rooms.receive(connection, whole);
        } catch (Lib0.Malformed malformed) {
            connection.close(new CloseStatus(CloseStatus.BAD_DATA.getCode(), "Not a y-websocket message: " + malformed.getMessage()));
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = connections.get(session.getId());
        if (connection != null) {
            connection.close(new CloseStatus(CloseStatus.NOT_ACCEPTABLE.getCode(), "Only binary y-websocket messages"));
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable failure) {
        log.debug("Collaboration connection {} failed: {}", session.getId(), failure.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = connections.remove(session.getId());
        if (connection != null) {
            rooms.leave(connection);
        }
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }
}
