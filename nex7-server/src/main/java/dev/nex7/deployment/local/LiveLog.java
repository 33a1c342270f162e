package dev.nex7.deployment.local;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nex7.deployment.DeploymentId;
import dev.nex7.deployment.Deployments;
import dev.nex7.platform.Periodic;

/**
 * A running build's output on its way to the deployment's stored log: lines are gathered and
 * appended ({@link Deployments#appendLog}) about once a second, or as soon as
 * {@value #FLUSH_CHARS} characters are waiting, whichever comes first. Each append is a short
 * transaction of its own, so nothing is held open while the build runs. The final log, which the
 * builder stores when the build ends, is authoritative; what is waiting at {@link #close()} is
 * left to it.
 *
 * <p>Lines arrive on the sandbox's output thread and are appended either there (when enough is
 * waiting) or on the log's own timer thread, never both at once and always in order. A failing
 * store is logged once; the build goes on without its live log.
 */
final class LiveLog implements Consumer<String>, AutoCloseable {

    static final int FLUSH_CHARS = 16 * 1024;
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(LiveLog.class);

    private final DeploymentId deployment;
    private final Deployments deployments;
    private final StringBuilder waiting = new StringBuilder();
    private final ReentrantLock flushing = new ReentrantLock();
    private final Periodic timer;
    private volatile boolean failed;

    LiveLog(DeploymentId deployment, Deployments deployments) {
        this.deployment = deployment;
        this.deployments = deployments;
        this.timer = new Periodic("nex7-live-log", FLUSH_INTERVAL, this::flush);
    }

    /** Starts the timer that appends what waits about once a second. */
    LiveLog start() {
        timer.start();
        return this;
    }

    /** One line of output, without its newline. */
    @Override
    public void accept(String line) {
        boolean full;
        synchronized (waiting) {
            waiting.append(line).append('\n');
            full = waiting.length() >= FLUSH_CHARS;
        }
        if (full) {
            flush();
        }
    }

    /** Appends what waits to the stored log now. */
    void flush() {
        flushing.lock();
        try {
            String text;
            synchronized (waiting) {
                text = waiting.toString();
                waiting.setLength(0);
            }
            if (!text.isEmpty() && !failed) {
                deployments.appendLog(deployment, text, null);
            }
        } catch (RuntimeException storeFailed) {
            failed = true;
            log.warn("The live log of deployment {} could not be stored; its log appears when the build ends", deployment, storeFailed);
        } finally {
            flushing.unlock();
        }
    }

    /** Stops the timer; what still waits is not stored (the final log has it). */
    @Override
    public void close() {
        flushing.lock();
        try {
            timer.stop(); // not in the middle of an append: the final log is stored after the last one
        } finally {
            flushing.unlock();
        }
    }
}
