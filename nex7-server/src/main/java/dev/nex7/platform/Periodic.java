package dev.nex7.platform;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task repeated at a fixed delay on its own thread, between {@link #start()} and {@link #stop()}.
 * Its own thread, not the shared task scheduler: a long prune must not hold up the schedule ticks.
 * A run that throws is logged and the next run happens as planned.
 */
public final class Periodic {

    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    private final String name;
    private final Duration interval;
    private final Runnable task;
    private ScheduledExecutorService executor;

    public Periodic(String name, Duration interval, Runnable task) {
        this.name = name;
        this.interval = interval;
        this.task = task;
    }

    public synchronized void start() {
        if (executor != null || interval.isZero()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name).daemon().factory());
        executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    public synchronized boolean running() {
        return executor != null;
    }

    private void runOnce() {
        try {
            task.run();
        } catch (RuntimeException failure) {
            log.warn("{} failed; it runs again in {}", name, interval, failure);
        }
    }
}
