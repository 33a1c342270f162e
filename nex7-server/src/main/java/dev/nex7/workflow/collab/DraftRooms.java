package dev.nex7.workflow.collab;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.socket.CloseStatus;

import dev.nex7.identity.UserId;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.definition.DraftSaved;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.persistence.Workflows;

/**
 * The open rooms, one per workflow with connections. The first connection to a workflow whose log is
 * empty seeds the document from the draft saved through the API, so that no browser ever seeds it (two
 * browsers seeding at once would each add every node). A draft saved through the API while a log exists
 * is turned into an update, stored and relayed like an edit.
 */
@Component
class DraftRooms {

    private static final Logger log = LoggerFactory.getLogger(DraftRooms.class);
    private static final CloseStatus WORKFLOW_GONE = new CloseStatus(4404, "The workflow was deleted");

    private final Map<WorkflowId, DraftRoom> rooms = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();
    private final CollabSettings settings;
    private final CollabRelay relay;
    private final UpdateLog updates;
    private final DraftDocuments documents;
    private final Workflows workflows;
    private final Clock clock;

    DraftRooms(CollabSettings settings, CollabRelay relay, UpdateLog updates, DraftDocuments documents, Workflows workflows,
            Clock clock) {
        this.settings = settings;
        this.relay = relay;
        this.updates = updates;
        this.documents = documents;
        this.workflows = workflows;
        this.clock = clock;
    }

    /** Adds a connection to its workflow's room, opening (and if need be seeding) the room first. */
    void join(Connection connection) {
        while (true) {
            DraftRoom room = open(connection.workflow(), connection.user(), true);
            if (room == null || room.join(connection)) {
                if (room == null) {
                    connection.close(WORKFLOW_GONE);
                }
                return;
            }
        }
    }

    void leave(Connection connection) {
        DraftRoom room = rooms.get(connection.workflow());
        if (room != null && room.leave(connection)) {
            rooms.remove(connection.workflow(), room);
        }
    }

    /** Handles a whole message; a workflow deleted meanwhile closes the room's connections. */
    void receive(Connection connection, byte[] message) {
        DraftRoom room = rooms.get(connection.workflow());
        if (room == null) {
            return;
        }
        try {
            room.receive(connection, message);
        } catch (DataIntegrityViolationException workflowDeleted) {
            room.closeAll(WORKFLOW_GONE);
        }
    }

    /**
     * A draft saved through the API (the draft itself, a restored version) reaches the document while it
     * has a log: as the update that turns the document into the saved draft, changing only what differs.
     * Saves the collaboration server made from the document itself are not turned back into updates.
     */
    @TransactionalEventListener
    void on(DraftSaved saved) {
        if (saved.merged()) {
            return;
        }
        try {
            DraftRoom room = open(saved.workflowId(), saved.savedBy(), false);
            if (room == null) {
                return;
            }
            try {
                Optional<WorkflowDefinition> draft = workflows.find(saved.workflowId()).map(workflow -> workflow.draft());
                if (draft.isPresent()) {
                    byte[] update = documents.turnInto(room, draft.get());
                    if (update != null) {
                        room.appendMade(update, saved.savedBy());
                    }
                }
            } finally {
                room.closeIfIdle();
                if (room.closed()) {
                    rooms.remove(saved.workflowId(), room);
                }
            }
        } catch (RuntimeException failed) {
            log.warn("The draft of workflow {} saved at revision {} did not reach its collaborative document: {}",
                    saved.workflowId(), saved.revision(), failed.toString());
        }
    }

    /**
     * Makes the draft hold everything a client with {@code clientState} has edited: waits until those
     * edits have arrived (they travel on the client's socket) and saves the merged document now.
     *
     * @return false when they did not arrive within {@code patience}
     */
    boolean flush(WorkflowId workflow, Map<Long, Long> clientState, Duration patience) throws InterruptedException {
        DraftRoom room = rooms.get(workflow);
        if (room == null) {
            return clientState.isEmpty(); // nobody is editing live: the draft is what the API saved
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (!room.covers(clientState)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        documents.saveNow(room);
        return true;
    }

    /** The open room of a workflow (for tests and operators). */
    Optional<DraftRoom> room(WorkflowId workflow) {
        return Optional.ofNullable(rooms.get(workflow));
    }

    /**
     * The workflow's room, loaded from its log.
     *
     * @param seed whether an empty log is seeded from the draft (a connection) or left alone (an API save:
     *     the next connection seeds from the saved draft anyway)
     * @return {@code null} when the workflow is gone, or when the log is empty and not to be seeded
     */
    private DraftRoom open(WorkflowId workflow, UserId user, boolean seed) {
        while (true) {
            DraftRoom room = rooms.computeIfAbsent(workflow, id -> new DraftRoom(id, id + "#" + opened.incrementAndGet(),
                    settings, relay, updates, documents, clock));
            room.lock();
            try {
                if (room.closed()) {
                    rooms.remove(workflow, room);
                    continue;
                }
                if (!room.loaded()) {
                    room.load(updates.read(workflow));
                    if (!room.isEmptyLog()) {
                        documents.open(room);
                    }
                }
                if (room.isEmptyLog() && !seed) {
                    if (room.hasConnections()) {
                        return room;
                    }
                    room.closeIfIdle();
                    rooms.remove(workflow, room);
                    return null;
                }
                if (room.isEmptyLog()) {
                    Optional<WorkflowDefinition> draft = workflows.find(workflow).map(found -> found.draft());
                    if (draft.isEmpty()) {
                        return null;
                    }
                    byte[] first = documents.seed(draft.get());
                    if (first != null) {
                        room.seed(first, user);
                        documents.open(room);
                    }
                }
                return room;
            } finally {
                room.unlock();
            }
        }
    }
}
