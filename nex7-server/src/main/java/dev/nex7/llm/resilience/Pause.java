package dev.nex7.llm.resilience;

import java.time.Duration;

/** Waits between two attempts. Tests hand in one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Pause {

    /** Sleeps on the calling thread; an interrupt ends the wait (and the call). */
    Pause SLEEP = Thread::sleep;

    void pause(Duration wait) throws InterruptedException;
}
