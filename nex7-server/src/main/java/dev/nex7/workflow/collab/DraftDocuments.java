package dev.nex7.workflow.collab;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.nex7.identity.UserId;
import dev.nex7.platform.ApiProblem;
import dev.nex7.project.ProjectRole;
import dev.nex7.workflow.definition.DraftChanged;
import dev.nex7.workflow.definition.EdgeDefinition;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.Workflow;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.definition.WorkflowLibrary;
import jakarta.annotation.PreDestroy;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Yjs documents of open rooms, kept in the {@link YjsRuntime}, and what is derived from them: the
 * draft (saved through {@link WorkflowLibrary}, debounced), the update that turns a document into a draft
 * saved through the API, and the compacted log.
 *
 * <p>All of it runs on one thread, in order: updates are applied in the order they were stored, and a
 * save or compaction sees every update queued before it. The runtime is slow on big documents (QuickJS
 * on WebAssembly on the JVM: opening a 500-node document takes seconds), so a document is opened once
 * per room and then only updated: each batch of updates answers just the entries it touched, and the
 * draft is assembled in Java from those. The relay never waits for any of this.
 */
@Component
class DraftDocuments {

    private static final Logger log = LoggerFactory.getLogger(DraftDocuments.class);
    private static final String[] PARTS = {"nodes", "edges", "notes"};

    /** A room's document as this class keeps it. Touched on the documents thread, except the pending list. */
    static final class Document {
        private boolean open;
        private int generation;
        private final Map<String, TreeMap<String, JsonNode>> entries = Map.of("nodes", new TreeMap<>(),
                "edges", new TreeMap<>(), "notes", new TreeMap<>());
        private boolean dirty;
        private boolean saveScheduled;
        // Guarded by the room's lock.
        private final List<Long> pendingSeqs = new ArrayList<>();
        private final List<byte[]> pendingUpdates = new ArrayList<>();
        private boolean drainScheduled;
    }

    private final CollabSettings settings;
    private final YjsRuntime runtime;
    private final WorkflowLibrary library;
    private final UpdateLog updates;
    private final Clock clock;
    private final JsonMapper lenient;
    private final SecureRandom random = new SecureRandom();
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1,
            task -> Thread.ofPlatform().name("nex7-collab-documents").daemon().unstarted(task));

    DraftDocuments(CollabSettings settings, JsonMapper json, WorkflowLibrary library, UpdateLog updates, Clock clock) {
        this.settings = settings;
        this.runtime = new YjsRuntime(settings, json);
        this.library = library;
        this.updates = updates;
        this.clock = clock;
        // A document is whatever its editors wrote: keys the draft does not know are dropped, not fatal.
        this.lenient = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    @PreDestroy
    void stop() {
        thread.shutdown();
        runtime.close();
    }

    // --- called with the room's lock held ---

    /** Opens the room's document from its log, in the background. */
    void open(DraftRoom room) {
        thread.execute(() -> guarded(room, "open", () -> ensureOpen(room)));
    }

    /** Applies a stored update to the room's document, in the background (batched with others waiting). */
    void apply(DraftRoom room, long seq, byte[] update) {
        Document document = room.document;
        document.pendingSeqs.add(seq);
        document.pendingUpdates.add(update);
        if (!document.drainScheduled) {
            document.drainScheduled = true;
            thread.execute(() -> guarded(room, "apply", () -> drain(room)));
        }
    }

    /** Merges the room's log into one row, in the background. */
    void compact(DraftRoom room) {
        thread.execute(() -> {
            long through = -1;
            byte[] merged = null;
            try {
                ensureOpen(room);
                through = room.appliedThrough();
                if (room.hasRowsThrough(through)) {
                    merged = runtime.bytes("encode", room.key());
                    updates.compact(room.workflow(), through, merged, clock.instant());
                }
            } catch (RuntimeException failed) {
                log.warn("Could not compact the collaboration log of workflow {}: {}", room.workflow(), failed.toString());
                merged = null;
            } finally {
                room.compacted(through, merged);
            }
        });
    }

    /** Saves what is unsaved and forgets the room's document, in the background. */
    void close(DraftRoom room) {
        thread.execute(() -> {
            guarded(room, "save", () -> save(room));
            if (room.document.open) {
                guarded(room, "close", () -> runtime.call("close", room.key()));
                room.document.open = false;
            }
        });
    }

    // --- called without the room's lock; they wait for the documents thread ---

    /**
     * The update that makes a new document hold {@code draft}, written in Java (milliseconds, where Yjs in
     * QuickJS takes seconds for a big draft): store it as the log's first row, then {@link #open} the room.
     *
     * @return {@code null} when the draft is empty
     */
    byte[] seed(WorkflowDefinition draft) {
        return YSeed.of(lenient.valueToTree(draft), newClientId());
    }

    /** The update (already applied to the document) that turns it into {@code draft}; {@code null} when it already is. */
    byte[] turnInto(DraftRoom room, WorkflowDefinition draft) {
        return onThread(() -> {
            ensureOpen(room);
            return define(room, draft);
        });
    }

    /** The draft the room's document derives to, once everything queued before is applied (for tests and operators). */
    WorkflowDefinition derived(DraftRoom room) {
        return onThread(() -> {
            ensureOpen(room);
            return derive(room.document);
        });
    }

    /**
     * Saves the room's document as the draft now (after every update stored so far is applied), unless
     * the draft already holds it; waits until done.
     */
    void saveNow(DraftRoom room) {
        onThread(() -> {
            ensureOpen(room);
            drain(room);
            save(room);
            return null;
        });
    }

    /** Merges the room's log now and waits (for tests and operators). */
    void compactNow(DraftRoom room) {
        compact(room);
        onThread(() -> null);
    }

    // --- on the documents thread ---

    private byte[] define(DraftRoom room, WorkflowDefinition draft) {
        JsonNode answer = runtime.call("define", room.key(), draft, newClientId()).path("value");
        patch(room.document, answer.path("patch"), false);
        return answer.path("update").isString() ? Base64.getDecoder().decode(answer.path("update").asString()) : null;
    }

    private void ensureOpen(DraftRoom room) {
        Document document = room.document;
        if (document.open && document.generation == runtime.generation()) {
            return;
        }
        List<String> contents = room.contentsForDocument().stream().map(Base64.getEncoder()::encodeToString).toList();
        patch(document, runtime.call("open", room.key(), contents).path("value"), true);
        document.open = true;
        document.generation = runtime.generation();
    }

    private void drain(DraftRoom room) {
        Document document = room.document;
        List<Long> seqs;
        List<String> batch;
        room.lock();
        try {
            seqs = List.copyOf(document.pendingSeqs);
            batch = document.pendingUpdates.stream().map(Base64.getEncoder()::encodeToString).toList();
            document.pendingSeqs.clear();
            document.pendingUpdates.clear();
            document.drainScheduled = false;
        } finally {
            room.unlock();
        }
        if (batch.isEmpty()) {
            return;
        }
        boolean wasOpen = document.open && document.generation == runtime.generation();
        ensureOpen(room);
        if (wasOpen) {
            patch(document, runtime.call("apply", room.key(), batch).path("value"), false);
        }
        room.applied(seqs);
        document.dirty = true;
        if (!document.saveScheduled) {
            document.saveScheduled = true;
            thread.schedule(() -> guarded(room, "save", () -> save(room)), settings.saveDelay().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Saves the derived draft as the room's last editor, unless it is what the draft already holds. */
    private void save(DraftRoom room) {
        Document document = room.document;
        document.saveScheduled = false;
        UserId editor = room.lastEditor();
        if (!document.dirty || editor == null || !document.open) {
            return;
        }
        document.dirty = false;
        WorkflowDefinition merged;
        try {
            merged = derive(document);
        } catch (JacksonException unreadable) {
            log.warn("The collaborative draft of workflow {} is not a valid definition and was not saved: {}", room.workflow(),
                    unreadable.getOriginalMessage());
            return;
        }
        try {
            Workflow current = library.require(room.workflow(), editor, ProjectRole.VIEWER);
            if (!sameContent(current.draft(), merged)) {
                library.saveMergedDraft(room.workflow(), editor, current.etag(), merged);
            }
        } catch (DraftChanged savedMeanwhile) {
            // Saved through the API in between: that change reaches the document too; save again after it.
            document.dirty = true;
            document.saveScheduled = true;
            thread.schedule(() -> guarded(room, "save", () -> save(room)), settings.saveDelay().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ApiProblem refused) {
            log.info("The collaborative draft of workflow {} was not saved: {}", room.workflow(), refused.getMessage());
        }
    }

    private WorkflowDefinition derive(Document document) {
        ObjectNode definition = lenient.createObjectNode();
        for (String part : PARTS) {
            ArrayNode values = definition.putArray(part);
            document.entries.get(part).values().forEach(values::add);
        }
        return lenient.treeToValue(definition, WorkflowDefinition.class);
    }

    private static void patch(Document document, JsonNode patch, boolean whole) {
        for (String part : PARTS) {
            TreeMap<String, JsonNode> entries = document.entries.get(part);
            if (whole) {
                entries.clear();
            }
            patch.path(part).properties().forEach(change -> {
                if (change.getValue().isNull()) {
                    entries.remove(change.getKey());
                } else {
                    entries.put(change.getKey(), change.getValue());
                }
            });
        }
    }

    /** Equal nodes, edges and notes, in whatever order. */
    static boolean sameContent(WorkflowDefinition a, WorkflowDefinition b) {
        return sorted(a).equals(sorted(b));
    }

    private static WorkflowDefinition sorted(WorkflowDefinition definition) {
        return new WorkflowDefinition(
                definition.nodes().stream().sorted(Comparator.comparing(NodeDefinition::id, Comparator.nullsFirst(Comparator.naturalOrder()))).toList(),
                definition.edges().stream().sorted(Comparator.comparing(DraftDocuments::edgeKey)).toList(),
                definition.notes().stream().sorted(Comparator.comparing(note -> String.valueOf(note.get("id")))).toList());
    }

    private static String edgeKey(EdgeDefinition edge) {
        return edge.source() + ":" + edge.sourcePort() + "->" + edge.target() + ":" + edge.targetPort();
    }

    private int newClientId() {
        return 1 + random.nextInt(Integer.MAX_VALUE - 1);
    }

    private void guarded(DraftRoom room, String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException failed) {
            // The document is rebuilt from the log on its next use; the log itself is intact.
            room.document.open = false;
            log.warn("Collaboration document {} of workflow {}: {} failed: {}", room.key(), room.workflow(), what, failed.toString());
        }
    }

    private <T> T onThread(Callable<T> work) {
        try {
            return thread.submit(work).get(settings.documentTimeout().toMillis() * 6, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new YjsFailure("Interrupted while waiting for the collaboration document");
        } catch (TimeoutException tooLong) {
            throw new YjsFailure("The collaboration document did not answer in time");
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException runtimeFailure ? runtimeFailure
                    : new YjsFailure("The collaboration document failed", failed.getCause());
        }
    }
}
