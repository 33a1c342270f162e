package dev.nex7.workflow.collab;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.web.socket.CloseStatus;

import dev.nex7.identity.UserId;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.collab.YMessages.Presence;

/**
 * The collaborative draft of one workflow while it has connections: the update log (as stored), the
 * connections and their presence, and the y-websocket protocol between them. Everything here runs
 * under the room's lock, so the log's order is the order in which updates are relayed; every accepted
 * update is stored before it is relayed. The document itself (Yjs, for deriving the draft) is kept by
 * {@link DraftDocuments}, which catches up with the log off the connections' threads.
 */
final class DraftRoom {

    /** An update with nothing in it: no structs, no deletions. */
    static final byte[] EMPTY_UPDATE = {0, 0};

    /** A row of the log, with what it holds. */
    record Logged(long seq, byte[] content, YUpdate update) {
    }

    private final WorkflowId workflow;
    private final String key;
    private final CollabSettings settings;
    private final CollabRelay relay;
    private final UpdateLog log;
    private final DraftDocuments documents;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();

    private final List<Logged> entries = new ArrayList<>();
    private long bytes;
    private Map<Long, Long> stateVector;
    private final List<Connection> connections = new ArrayList<>();
    private final Map<Long, Presence> presences = new LinkedHashMap<>();
    private final Map<Long, Connection> owners = new HashMap<>();
    /** Rows stored but not yet applied to the document: compaction may only merge rows below the first. */
    private final TreeSet<Long> unapplied = new TreeSet<>();
    private long lastSeq;
    private UserId lastEditor;
    private volatile boolean closed;
    private boolean compacting;
    /** The document's state, touched only by {@link DraftDocuments}'s thread (and its pending list under the lock). */
    final DraftDocuments.Document document = new DraftDocuments.Document();

    private boolean loaded;

    DraftRoom(WorkflowId workflow, String key, CollabSettings settings, CollabRelay relay, UpdateLog log,
            DraftDocuments documents, Clock clock) {
        this.workflow = workflow;
        this.key = key;
        this.settings = settings;
        this.relay = relay;
        this.log = log;
        this.documents = documents;
        this.clock = clock;
    }

    /** Whether {@link #load} ran; call with the lock held. */
    boolean loaded() {
        return loaded;
    }

    /** Takes the stored log; call once, with the lock held. */
    void load(List<UpdateLog.Entry> rows) {
        for (UpdateLog.Entry row : rows) {
            add(new Logged(row.seq(), row.content(), YUpdate.read(row.content())));
        }
        loaded = true;
    }

    /** Whether the room was closed (its last connection left). */
    boolean closed() {
        return closed;
    }

    /** Closes the room when nobody is connected (after it served a change saved through the API). */
    void closeIfIdle() {
        lock.lock();
        try {
            if (!closed && connections.isEmpty()) {
                closed = true;
                documents.close(this);
            }
        } finally {
            lock.unlock();
        }
    }

    WorkflowId workflow() {
        return workflow;
    }

    /** The name of this room's document in the Yjs runtime (a workflow may get a new room later). */
    String key() {
        return key;
    }

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /** Whether nothing was stored yet; call with the lock held. */
    boolean isEmptyLog() {
        return entries.isEmpty();
    }

    /** Call with the lock held. */
    boolean hasConnections() {
        return !connections.isEmpty();
    }

    /**
     * Adds a connection: it gets the server's state vector (sync step 1) and the presence of the others.
     *
     * @return {@code false} when the room closed in the meantime (the caller opens a new one)
     */
    boolean join(Connection connection) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (connections.size() >= settings.maxConnectionsPerWorkflow()) {
                connection.close(new CloseStatus(1013, "This workflow already has " + connections.size()
                        + " connections, the limit"));
                return true;
            }
            connections.add(connection);
            relay.join(connection);
            connection.send(YMessages.sync(YMessages.SYNC_STEP1, YUpdate.encodeStateVector(stateVector())));
            if (!presences.isEmpty()) {
                connection.send(YMessages.awareness(YMessages.encodeAwareness(List.copyOf(presences.values()))));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes a connection and, for the others, the presence it announced.
     *
     * @return whether the room is now empty and closed
     */
    boolean leave(Connection connection) {
        lock.lock();
        try {
            if (!connections.remove(connection)) {
                return false;
            }
            relay.leave(connection);
            List<Presence> gone = new ArrayList<>();
            for (Long id : connection.presences()) {
                if (owners.get(id) == connection) {
                    owners.remove(id);
                    Presence last = presences.remove(id);
                    gone.add(new Presence(id, last == null ? 0 : last.clock() + 1, "null"));
                }
            }
            if (!gone.isEmpty()) {
                relay.publish(workflow, null, YMessages.awareness(YMessages.encodeAwareness(gone)));
            }
            if (connections.isEmpty()) {
                closed = true;
                documents.close(this);
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Handles one whole message from a connection.
     *
     * @throws Lib0.Malformed when it is not a y-websocket message or carries a malformed update
     */
    void receive(Connection connection, byte[] bytes) {
        YMessages.Message message = YMessages.read(bytes);
        switch (message.type()) {
            case YMessages.SYNC -> {
                if (message.syncType() == YMessages.SYNC_STEP1) {
                    answer(connection, YUpdate.readStateVector(message.payload()));
                } else {
                    accept(connection, message.payload());
                }
            }
            case YMessages.AWARENESS -> presence(connection, bytes, YMessages.readAwareness(message.payload()));
            case YMessages.QUERY_AWARENESS -> {
                lock.lock();
                try {
                    connection.send(YMessages.awareness(YMessages.encodeAwareness(List.copyOf(presences.values()))));
                } finally {
                    lock.unlock();
                }
            }
            default -> {
                // Auth messages only ever go from the server to the client.
            }
        }
    }

    /** Sync step 2 for a client that has {@code known}: every row it lacks, the first as step 2 and the rest as updates. */
    private void answer(Connection connection, Map<Long, Long> known) {
        lock.lock();
        try {
            List<Logged> missing = entries.stream().filter(entry -> !entry.update().coveredBy(known)).toList();
            connection.send(YMessages.sync(YMessages.SYNC_STEP2, missing.isEmpty() ? EMPTY_UPDATE : missing.getFirst().content()));
            for (Logged entry : missing.subList(Math.min(1, missing.size()), missing.size())) {
                connection.send(YMessages.sync(YMessages.SYNC_UPDATE, entry.content()));
            }
        } finally {
            lock.unlock();
        }
    }

    private void accept(Connection connection, byte[] payload) {
        YUpdate update = YUpdate.read(payload);
        if (update.isEmpty()) {
            return;
        }
        if (!connection.editor()) {
            connection.send(YMessages.permissionDenied("You are a viewer of this workflow: your changes were not saved."));
            return;
        }
        lock.lock();
        try {
            if (update.coveredBy(stateVector())) {
                return;
            }
            append(payload, update, connection.user(), connection, false);
        } finally {
            lock.unlock();
        }
    }

    /** Stores an update the server made from a draft saved through the API (already in the document) and relays it to all. */
    void appendMade(byte[] payload, UserId user) {
        lock.lock();
        try {
            append(payload, YUpdate.read(payload), user, null, true);
        } finally {
            lock.unlock();
        }
    }

    /** Stores the seed, the first row of a new log (the caller then opens the document from the log); call with the lock held. */
    void seed(byte[] payload, UserId user) {
        append(payload, YUpdate.read(payload), user, null, true);
    }

    private void append(byte[] payload, YUpdate update, UserId user, Connection origin, boolean inDocument) {
        long seq = log.append(workflow, payload, user, clock.instant());
        add(new Logged(seq, payload, update));
        relay.publish(workflow, origin, YMessages.sync(YMessages.SYNC_UPDATE, payload));
        if (origin != null) {
            lastEditor = user;
        }
        if (!inDocument) {
            unapplied.add(seq);
            documents.apply(this, seq, payload);
        }
        if (!compacting && settings.compactionDue(entries.size(), bytes)) {
            compacting = true;
            documents.compact(this);
        }
    }

    private void add(Logged entry) {
        entries.add(entry);
        bytes += entry.content().length;
        lastSeq = Math.max(lastSeq, entry.seq());
        stateVector = null;
    }

    private void presence(Connection connection, byte[] message, List<Presence> changes) {
        lock.lock();
        try {
            for (Presence change : changes) {
                if (change.removed()) {
                    presences.remove(change.clientId());
                    owners.remove(change.clientId());
                    connection.presences().remove(change.clientId());
                } else {
                    presences.put(change.clientId(), change);
                    owners.put(change.clientId(), connection);
                    connection.presences().add(change.clientId());
                }
            }
            // To the sender too, as y-websocket's server does: a browser alone in a room hears its own
            // presence renewals, or it would take the silence for a dead connection and reconnect.
            relay.publish(workflow, null, message);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the log holds everything a client with this state vector has (what it has sent has arrived). */
    boolean covers(Map<Long, Long> clientState) {
        lock.lock();
        try {
            Map<Long, Long> mine = stateVector();
            return clientState.entrySet().stream().allMatch(entry -> mine.getOrDefault(entry.getKey(), 0L) >= entry.getValue());
        } finally {
            lock.unlock();
        }
    }

    private Map<Long, Long> stateVector() {
        if (stateVector == null) {
            stateVector = YUpdate.stateVector(entries.stream().map(Logged::update).toList());
        }
        return stateVector;
    }

    // --- for DraftDocuments (its thread) ---

    /** The log's rows, to open the document from; they all count as applied from here on. */
    List<byte[]> contentsForDocument() {
        lock.lock();
        try {
            unapplied.clear();
            return entries.stream().map(Logged::content).toList();
        } finally {
            lock.unlock();
        }
    }

    void applied(List<Long> seqs) {
        lock.lock();
        try {
            unapplied.removeAll(seqs);
        } finally {
            lock.unlock();
        }
    }

    /** The last seq such that the document holds every row up to it. */
    long appliedThrough() {
        lock.lock();
        try {
            return unapplied.isEmpty() ? lastSeq : unapplied.first() - 1;
        } finally {
            lock.unlock();
        }
    }

    /** After compaction stored {@code merged} in place of the rows up to {@code throughSeq}. */
    void compacted(long throughSeq, byte[] merged) {
        lock.lock();
        try {
            if (merged != null) {
                List<Logged> rest = entries.stream().filter(entry -> entry.seq() > throughSeq).toList();
                entries.clear();
                bytes = 0;
                add(new Logged(throughSeq, merged, YUpdate.read(merged)));
                rest.forEach(this::add);
            }
            compacting = false;
        } finally {
            lock.unlock();
        }
    }

    boolean hasRowsThrough(long seq) {
        lock.lock();
        try {
            return entries.stream().filter(entry -> entry.seq() <= seq).count() > 1;
        } finally {
            lock.unlock();
        }
    }

    UserId lastEditor() {
        lock.lock();
        try {
            return lastEditor;
        } finally {
            lock.unlock();
        }
    }

    /** Closes every connection (the workflow is gone). */
    void closeAll(CloseStatus status) {
        List<Connection> all;
        lock.lock();
        try {
            all = List.copyOf(connections);
        } finally {
            lock.unlock();
        }
        all.forEach(connection -> connection.close(status));
    }
}
