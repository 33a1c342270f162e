package dev.nex7.workflow.collab;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import java.io.ByteArrayOutputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser's side of the collaboration protocol, for tests: a real Yjs document (in QuickJS, kept as
 * its state update) synced over a real WebSocket the way y-websocket's WebsocketProvider does it: on
 * open it sends sync step 1; it answers the server's step 1 with step 2; it applies step 2 and updates;
 * its own edits go out as updates.
 */
final class YClient implements WebSocket.Listener, AutoCloseable {

    static final YjsRuntime RUNTIME = new YjsRuntime(CollabSettings.defaults(), JsonMapper.builder().build(),
            "/collab/test-client.js");

    final long clientId;
    private byte[] state;
    private volatile WebSocket socket;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final List<YMessages.Message> received = new ArrayList<>();
    private final List<String> denied = new ArrayList<>();
    private final Map<Long, String> presences = new LinkedHashMap<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile boolean syncedOnce;

    YClient(long clientId) {
        this.clientId = clientId;
    }

    /** Opens the WebSocket; fails with the handshake's failure (a CompletionException) when it is refused. */
    YClient connect(URI uri) {
        HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, this).join();
        return this;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        // Messages may arrive before buildAsync completes: the socket is the one handed in here.
        socket = webSocket;
        webSocket.request(1);
        byte[] vector;
        synchronized (this) {
            vector = state == null ? new byte[] {0} : RUNTIME.bytes("stateVector", b64(state));
        }
        webSocket.sendBinary(ByteBuffer.wrap(YMessages.sync(YMessages.SYNC_STEP1, vector)), true).join();
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] part = new byte[data.remaining()];
        data.get(part);
        partial.writeBytes(part);
        if (last) {
            byte[] message = partial.toByteArray();
            partial.reset();
            handle(message);
        }
        webSocket.request(1);
        return null;
    }

    private synchronized void handle(byte[] bytes) {
        YMessages.Message message = YMessages.read(bytes);
        received.add(message);
        switch (message.type()) {
            case YMessages.SYNC -> {
                if (message.syncType() == YMessages.SYNC_STEP1) {
                    byte[] answer = state == null ? DraftRoom.EMPTY_UPDATE
                            : RUNTIME.bytes("diff", b64(state), b64(message.payload()));
                    send(YMessages.sync(YMessages.SYNC_STEP2, answer));
                } else {
                    merge(message.payload());
                    if (message.syncType() == YMessages.SYNC_STEP2) {
                        syncedOnce = true;
                    }
                }
            }
            case YMessages.AWARENESS -> YMessages.readAwareness(message.payload()).forEach(presence -> {
                if (presence.removed()) {
                    presences.remove(presence.clientId());
                } else {
                    presences.put(presence.clientId(), presence.state());
                }
            });
            case YMessages.AUTH -> denied.add(YMessages.deniedReason(bytes));
            default -> { }
        }
        notifyAll();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete("error " + error);
    }

    /** Makes an edit locally, and sends it when connected. */
    synchronized byte[] edit(Object... ops) {
        byte[] update = RUNTIME.bytes("edit", state == null ? null : b64(state), clientId, ops);
        merge(update);
        if (socket != null && !socket.isOutputClosed()) {
            send(YMessages.sync(YMessages.SYNC_UPDATE, update));
        }
        return update;
    }

    /** The edit an editor would make, without applying or sending it (to send later, concurrently with others). */
    synchronized byte[] prepare(Object... ops) {
        return RUNTIME.bytes("edit", state == null ? null : b64(state), clientId, ops);
    }

    /** Applies and sends a prepared edit. */
    synchronized void commit(byte[] update) {
        merge(update);
        send(YMessages.sync(YMessages.SYNC_UPDATE, update));
    }

    synchronized void sendRaw(byte[] message) {
        socket.sendBinary(ByteBuffer.wrap(message), true).join();
    }

    void disconnect() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        closed.orTimeout(10, TimeUnit.SECONDS).join();
        socket = null;
    }

    /** Base64 of the document's Yjs state vector, as the browser sends it to flush. */
    synchronized String stateVector() {
        return b64(RUNTIME.bytes("stateVector", b64(state)));
    }

    /** The document as the server would derive it. */
    synchronized JsonNode definition() {
        return state == null ? JsonMapper.builder().build().readTree("{\"nodes\":[],\"edges\":[],\"notes\":[]}")
                : RUNTIME.call("toDefinition", b64(state)).path("value");
    }

    synchronized List<String> denied() {
        return List.copyOf(denied);
    }

    synchronized Map<Long, String> presences() {
        return Map.copyOf(presences);
    }

    synchronized List<YMessages.Message> received() {
        return List.copyOf(received);
    }

    boolean synced() {
        return syncedOnce;
    }

    CompletableFuture<String> closed() {
        return closed;
    }

    private void merge(byte[] update) {
        state = state == null ? update : RUNTIME.bytes("merge", List.of(b64(state), b64(update)));
    }

    private void send(byte[] message) {
        socket.sendBinary(ByteBuffer.wrap(message), true).join();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.abort();
        }
    }
}
