package dev.nex7.llm.resilience;

import java.time.Duration;

import dev.nex7.llm.FallbackNotice;
import dev.nex7.llm.StreamListener;
import dev.nex7.llm.ToolUseBlock;

/**
 * Stands between the providers and the caller's listener and notes when the first piece was handed
 * over: from then on a failure ends the call instead of retrying, so the caller never sees text
 * twice. A silent delivery (for {@code complete}, whose caller sees nothing until the end) never
 * commits: its calls may still be retried after a partial answer.
 */
public final class Delivery implements StreamListener {

    private final StreamListener target;
    private final boolean silent;
    private final long startedNanos;
    private long firstNanos;

    public Delivery(StreamListener target, boolean silent, long startedNanos) {
        this.target = target;
        this.silent = silent;
        this.startedNanos = startedNanos;
    }

    @Override
    public void text(String delta) {
        first();
        target.text(delta);
    }

    @Override
    public void toolUse(ToolUseBlock call) {
        first();
        target.toolUse(call);
    }

    @Override
    public void fallback(FallbackNotice notice) {
        target.fallback(notice);
    }

    /** Whether something reached the caller, so that no retry or fallback may follow. */
    public boolean committed() {
        return !silent && firstNanos != 0;
    }

    /** From the start of the call to the first piece, or {@code null} when none arrived. */
    public Duration timeToFirstToken() {
        return firstNanos == 0 ? null : Duration.ofNanos(firstNanos - startedNanos);
    }

    private void first() {
        if (firstNanos == 0) {
            firstNanos = System.nanoTime();
        }
    }
}
