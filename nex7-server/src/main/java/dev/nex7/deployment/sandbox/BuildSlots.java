package dev.nex7.deployment.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How many builds run at once; the others wait their turn, first come first served, for a bounded
 * time, and stop waiting when they are cancelled. A turn is a future the releasing build
 * completes, so a waiter wakes for its turn or its cancellation, whichever comes first.
 */
final class BuildSlots {

    private final Deque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int free;

    BuildSlots(int slots) {
        this.free = slots;
    }

    /** Takes a slot: {@code true} when it was given, {@code false} when the wait ran out or was cancelled. */
    boolean take(Duration patience, CompletableFuture<Void> canceled) throws InterruptedException {
        CompletableFuture<Void> turn;
        synchronized (this) {
            if (canceled.isDone()) {
                return false;
            }
            if (free > 0 && waiting.isEmpty()) {
                free--;
                return true;
            }
            turn = new CompletableFuture<>();
            waiting.add(turn);
        }
        boolean interrupted = false;
        try {
            CompletableFuture.anyOf(turn, canceled).get(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Decided below, under the lock.
        } catch (InterruptedException e) {
            interrupted = true;
        }
        synchronized (this) {
            if (!turn.isDone()) {
                waiting.remove(turn);
                turn.cancel(false);
                if (interrupted) {
                    throw new InterruptedException();
                }
                return false;
            }
        }
        // The turn came, possibly together with the cancellation or an interrupt.
        if (interrupted || canceled.isDone()) {
            release();
            if (interrupted) {
                throw new InterruptedException();
            }
            return false;
        }
        return true;
    }

    synchronized void release() {
        CompletableFuture<Void> next = waiting.poll();
        if (next != null) {
            next.complete(null);
        } else {
            free++;
        }
    }
}
