package dev.nex7.platform;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;

/**
 * A component that runs one task at a fixed delay while the application runs: a {@link Periodic}
 * started and stopped with the application context. A zero interval never starts it.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private final Periodic periodic;

    protected PeriodicTask(String threadName, Duration interval) {
        this.periodic = new Periodic(threadName, interval, this::runPeriodically);
    }

    /** One run of the task; a run that throws is logged and the next happens as planned. */
    protected abstract void runPeriodically();

    @Override
    public void start() {
        periodic.start();
    }

    @Override
    public void stop() {
        periodic.stop();
    }

    @Override
    public boolean isRunning() {
        return periodic.running();
    }
}
