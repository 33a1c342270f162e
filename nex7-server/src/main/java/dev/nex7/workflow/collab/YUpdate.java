package dev.nex7.workflow.collab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a Yjs update (encoding v1) holds, read in Java so that the relay never needs the JavaScript
 * runtime: which clock ranges of which clients it carries, and whether it deletes anything. Reading it
 * walks every struct and its content, so anything that is not a well-formed update is refused here,
 * before it could be stored and break the document for everyone.
 *
 * @param ranges the struct ranges (client, first clock, length), in the order of the update
 * @param deletes whether it carries a delete set
 */
record YUpdate(List<Range> ranges, boolean deletes) {

    private static final int BIT6 = 32;
    private static final int BIT7 = 64;
    private static final int BIT8 = 128;
    private static final int BITS5 = 31;
    private static final int TYPE_XML_ELEMENT = 3;
    private static final int TYPE_XML_HOOK = 5;

    /** Clocks {@code [clock, clock + length)} of {@code client}. */
    record Range(long client, long clock, long length) {
    }

    /** Whether it carries nothing at all (what a client with nothing new sends as its sync step 2). */
    boolean isEmpty() {
        return ranges.isEmpty() && !deletes;
    }

    /** Whether everything it carries is already known to a peer with {@code stateVector} (and it deletes nothing). */
    boolean coveredBy(Map<Long, Long> stateVector) {
        return !deletes && ranges.stream().allMatch(range -> range.clock() + range.length() <= stateVector.getOrDefault(range.client(), 0L));
    }

    /**
     * Reads an update.
     *
     * @throws Lib0.Malformed when it is not one
     */
    static YUpdate read(byte[] update) {
        Lib0.Decoder in = new Lib0.Decoder(update);
        List<Range> ranges = new ArrayList<>();
        long clients = in.readVarUint();
        for (long c = 0; c < clients; c++) {
            long structs = in.readVarUint();
            long client = in.readVarUint();
            long clock = in.readVarUint();
            for (long s = 0; s < structs; s++) {
                int info = in.readUint8();
                long length = switch (info & BITS5) {
                    case 0, 10 -> in.readVarUint(); // GC, Skip
                    default -> readItem(in, info);
                };
                if ((info & BITS5) != 10 && length > 0) {
                    ranges.add(new Range(client, clock, length));
                }
                clock += length;
            }
        }
        long deleteClients = in.readVarUint();
        boolean deletes = false;
        for (long c = 0; c < deleteClients; c++) {
            in.readVarUint();
            long count = in.readVarUint();
            for (long d = 0; d < count; d++) {
                in.readVarUint();
                in.readVarUint();
                deletes = true;
            }
        }
        if (in.hasMore()) {
            throw new Lib0.Malformed("bytes after the end of the update");
        }
        return new YUpdate(List.copyOf(ranges), deletes);
    }

    private static long readItem(Lib0.Decoder in, int info) {
        if ((info & BIT8) != 0) {
            in.readVarUint();
            in.readVarUint();
        }
        if ((info & BIT7) != 0) {
            in.readVarUint();
            in.readVarUint();
        }
        if ((info & (BIT7 | BIT8)) == 0) {
            if (in.readVarUint() == 1) {
                in.readVarString();
            } else {
                in.readVarUint();
                in.readVarUint();
            }
            if ((info & BIT6) != 0) {
                in.readVarString();
            }
        }
        return readContent(in, info & BITS5);
    }

    /** Reads an item's content and answers its length in clock ticks. */
    private static long readContent(Lib0.Decoder in, int kind) {
        switch (kind) {
            case 1 -> { // deleted
                return in.readVarUint();
            }
            case 2 -> { // JSON
                long length = in.readVarUint();
                for (long i = 0; i < length; i++) {
                    in.readVarString();
                }
                return length;
            }
            case 3 -> { // binary
                in.readVarUint8Array();
                return 1;
            }
            case 4 -> { // string: its length in UTF-16 code units, as in JavaScript (and Java)
                return in.readVarString().length();
            }
            case 5 -> { // embed
                in.readVarString();
                return 1;
            }
            case 6 -> { // format
                in.readVarString();
                in.readVarString();
                return 1;
            }
            case 7 -> { // type
                long type = in.readVarUint();
                if (type == TYPE_XML_ELEMENT || type == TYPE_XML_HOOK) {
                    in.readVarString();
                }
                return 1;
            }
            case 8 -> { // any
                long length = in.readVarUint();
                for (long i = 0; i < length; i++) {
                    in.skipAny();
                }
                return length;
            }
            case 9 -> { // subdocument
                in.readVarString();
                in.skipAny();
                return 1;
            }
            default -> throw new Lib0.Malformed("unknown content type " + kind);
        }
    }

    /**
     * The state vector of a document made of {@code updates}: per client, the end of the clock range
     * held without a gap from 0 (what Yjs counts; structs after a gap wait for what is missing).
     */
    static Map<Long, Long> stateVector(List<YUpdate> updates) {
        Map<Long, List<Range>> byClient = new TreeMap<>();
        for (YUpdate update : updates) {
            for (Range range : update.ranges()) {
                byClient.computeIfAbsent(range.client(), client -> new ArrayList<>()).add(range);
            }
        }
        Map<Long, Long> vector = new TreeMap<>();
        byClient.forEach((client, ranges) -> {
            ranges.sort((a, b) -> Long.compare(a.clock(), b.clock()));
            long end = 0;
            for (Range range : ranges) {
                if (range.clock() > end) {
                    break;
                }
                end = Math.max(end, range.clock() + range.length());
            }
            if (end > 0) {
                vector.put(client, end);
            }
        });
        return vector;
    }

    static byte[] encodeStateVector(Map<Long, Long> vector) {
        Lib0.Encoder out = new Lib0.Encoder().writeVarUint(vector.size());
        vector.forEach((client, clock) -> out.writeVarUint(client).writeVarUint(clock));
        return out.toBytes();
    }

    /** @throws Lib0.Malformed when it is not a state vector */
    static Map<Long, Long> readStateVector(byte[] encoded) {
        Lib0.Decoder in = new Lib0.Decoder(encoded);
        Map<Long, Long> vector = new TreeMap<>();
        long entries = in.readVarUint();
        for (long i = 0; i < entries; i++) {
            vector.put(in.readVarUint(), in.readVarUint());
        }
        return vector;
    }
}
