package dev.nex7.workflow.collab;

import java.util.ArrayList;
import java.util.List;

/**
 * The y-websocket protocol's messages, so that the browser's {@code WebsocketProvider} talks to the
 * server as to y-websocket's own: every message is binary and starts with a varuint type:
 * <ul>
 * <li>{@code 0} sync, then a varuint sync type: {@code 0} step 1 (a state vector), {@code 1} step 2 (an
 *     update answering a step 1), {@code 2} update; then the payload as a varuint8array;</li>
 * <li>{@code 1} awareness: an awareness update as a varuint8array;</li>
 * <li>{@code 2} auth: {@code 0} permission denied, then the reason as a varstring;</li>
 * <li>{@code 3} query awareness (no payload).</li>
 * </ul>
 */
final class YMessages {

    static final int SYNC = 0;
    static final int AWARENESS = 1;
    static final int AUTH = 2;
    static final int QUERY_AWARENESS = 3;
    static final int SYNC_STEP1 = 0;
    static final int SYNC_STEP2 = 1;
    static final int SYNC_UPDATE = 2;
    private static final int PERMISSION_DENIED = 0;

    private YMessages() {
    }

    /** A message as received: its type, the sync type for sync messages, and the payload. */
    record Message(int type, int syncType, byte[] payload) {
    }

    /** @throws Lib0.Malformed when the bytes are not a y-websocket message */
    static Message read(byte[] message) {
        Lib0.Decoder in = new Lib0.Decoder(message);
        int type = (int) in.readVarUint();
        return switch (type) {
            case SYNC -> {
                int syncType = (int) in.readVarUint();
                if (syncType > SYNC_UPDATE) {
                    throw new Lib0.Malformed("unknown sync message " + syncType);
                }
                yield new Message(type, syncType, in.readVarUint8Array());
            }
            case AWARENESS -> new Message(type, -1, in.readVarUint8Array());
            case AUTH, QUERY_AWARENESS -> new Message(type, -1, new byte[0]);
            default -> throw new Lib0.Malformed("unknown message type " + type);
        };
    }

    static byte[] sync(int syncType, byte[] payload) {
        return new Lib0.Encoder().writeVarUint(SYNC).writeVarUint(syncType).writeVarUint8Array(payload).toBytes();
    }

    static byte[] awareness(byte[] update) {
        return new Lib0.Encoder().writeVarUint(AWARENESS).writeVarUint8Array(update).toBytes();
    }

    static byte[] permissionDenied(String reason) {
        return new Lib0.Encoder().writeVarUint(AUTH).writeVarUint(PERMISSION_DENIED).writeVarString(reason).toBytes();
    }

    /** The reason of a permission-denied message, or {@code null} when the message is another one. */
    static String deniedReason(byte[] message) {
        Lib0.Decoder in = new Lib0.Decoder(message);
        if (in.readVarUint() != AUTH || in.readVarUint() != PERMISSION_DENIED) {
            return null;
        }
        return in.readVarString();
    }

    /**
     * One client's entry of an awareness update.
     *
     * @param state the state as JSON text; {@code "null"} removes the client
     */
    record Presence(long clientId, long clock, String state) {

        boolean removed() {
            return "null".equals(state);
        }
    }

    /** @throws Lib0.Malformed when the bytes are not an awareness update */
    static List<Presence> readAwareness(byte[] update) {
        Lib0.Decoder in = new Lib0.Decoder(update);
        long count = in.readVarUint();
        List<Presence> entries = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            entries.add(new Presence(in.readVarUint(), in.readVarUint(), in.readVarString()));
        }
        return entries;
    }

    static byte[] encodeAwareness(List<Presence> entries) {
        Lib0.Encoder out = new Lib0.Encoder().writeVarUint(entries.size());
        for (Presence entry : entries) {
            out.writeVarUint(entry.clientId()).writeVarUint(entry.clock()).writeVarString(entry.state());
        }
        return out.toBytes();
    }
}
