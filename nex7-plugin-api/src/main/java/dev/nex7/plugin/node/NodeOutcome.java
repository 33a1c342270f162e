package dev.nex7.plugin.node;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What a node run produced. */
public sealed interface NodeOutcome {

    /**
     * The node finished and put values on some of its output ports. Nodes connected to ports that
     * received nothing are skipped (that is how if and switch choose a branch).
     *
     * @param outputs a value per output port name; a value may be {@code null} (JSON null)
     */
    record Emitted(Map<String, Object> outputs) implements NodeOutcome {
        public Emitted {
            Objects.requireNonNull(outputs, "outputs");
            outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        }
    }

    /**
     * The node waits: for a point in time ({@code until}), for a signal (an approval decision, a child
     * execution's result), or for whichever comes first. The engine stores {@code state} durably and
     * calls the node again with a {@link Resumption} when it is woken up, also after a restart.
     *
     * @param until when to wake up without a signal, or {@code null} to wait for a signal only
     * @param state JSON value the node will need when it resumes
     */
    record Suspended(Instant until, Object state) implements NodeOutcome {
    }

    /** Emits {@code value} on the {@value Port#MAIN} port. */
    static NodeOutcome emit(Object value) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put(Port.MAIN, value);
        return new Emitted(outputs);
    }

    /** Emits {@code value} on the named port. */
    static NodeOutcome emit(String port, Object value) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put(port, value);
        return new Emitted(outputs);
    }

    /** Waits until {@code until} (and for a signal, if one comes first). */
    static NodeOutcome suspendUntil(Instant until, Object state) {
        return new Suspended(Objects.requireNonNull(until, "until"), state);
    }

    /** Waits for a signal only. */
    static NodeOutcome suspendForSignal(Object state) {
        return new Suspended(null, state);
    }
}
