package dev.nex7.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.nex7.notification.NotificationSettings;
import dev.nex7.project.ProjectEvents.MemberRemoved;
import dev.nex7.project.ProjectEvents.ProjectDeleted;

/**
 * The durable outbox of emails and webhook calls. A delivery is owed in the transaction that decides
 * it (so none is lost, and none is sent for what was rolled back) and sent after that commits, never
 * inside a request. A retryable failure (a timeout, a refused connection, HTTP 408, 429 or 5xx, an
 * SMTP 4xx reply) is tried again after an exponential backoff with jitter, up to the channel's
 * maximum attempts; any other failure is final.
 *
 * <p>Any instance may send any due delivery: it claims rows with {@code FOR UPDATE SKIP LOCKED} and
 * moves their due time past the attempt ({@link #LEASE}), so two instances never send the same one
 * at once, and one whose sender died is due again when the lease runs out. Deliveries are polled
 * every {@code nex7.notification.poll-interval} and, when owed here, sent at once.
 */
@Component
public class Outbox implements SmartLifecycle {

    /** How long a claimed delivery is left to its sender before anyone may try it again. */
    static final Duration LEASE = Duration.ofMinutes(5);
    private static final int BATCH = 20;
    private static final int MAX_BATCHES_PER_RUN = 50;
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final Deliveries deliveries;
    private final Map<Channel, DeliveryChannel> channels = new EnumMap<>(Channel.class);
    private final NotificationSettings settings;
    private final Clock clock;
    private ScheduledExecutorService poller;

    Outbox(Deliveries deliveries, List<DeliveryChannel> channels, NotificationSettings settings, Clock clock) {
        this.deliveries = deliveries;
        channels.forEach(channel -> this.channels.put(channel.channel(), channel));
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Owes a delivery, in the caller's transaction, and sends it once that commits.
     *
     * @return false when the same event's delivery is owed or done already
     */
    public boolean enqueue(NewDelivery delivery) {
        boolean added = deliveries.insert(delivery, now());
        if (added) {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        wake();
                    }
                });
            } else {
                wake();
            }
        }
        return added;
    }

    /**
     * Sends every delivery due now, each on its own virtual thread, and records how each went. Safe to
     * run on many threads and instances at once.
     *
     * @return how many deliveries were attempted
     */
    public int runDue() {
        int attempted = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            Instant now = now();
            List<Delivery> claimed = deliveries.claimDue(now, now.plus(LEASE), BATCH);
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                claimed.forEach(delivery -> senders.execute(() -> attempt(delivery)));
            }
            attempted += claimed.size();
            if (claimed.size() < BATCH) {
                break;
            }
        }
        return attempted;
    }

    /** The wait before attempt {@code attempts + 1}: doubling from the first backoff, capped, plus up to a fifth. */
    Duration backoff(int attempts) {
        Duration base = settings.retryBackoff();
        Duration delay = settings.maxRetryBackoff();
        if (attempts <= 30) {
            Duration doubled = base.multipliedBy(1L << Math.max(0, attempts - 1));
            delay = doubled.compareTo(delay) < 0 ? doubled : delay;
        }
        long jitter = ThreadLocalRandom.current().nextLong(delay.toMillis() / 5 + 1);
        return delay.plusMillis(jitter);
    }

    private void attempt(Delivery delivery) {
        DeliveryChannel channel = channels.get(delivery.channel());
        Attempt attempt;
        try {
            attempt = channel.attempt(delivery);
        } catch (RuntimeException unexpected) {
            log.error("Delivery {} failed unexpectedly", delivery, unexpected);
            attempt = Attempt.retry(null, "NEX7 could not send it (internal error)");
        }
        Instant now = now();
        switch (attempt.result()) {
            case DELIVERED -> {
                deliveries.record(delivery, DeliveryStatus.DELIVERED, attempt, null, now, now);
                log.debug("{} delivered", delivery);
            }
            case RETRY -> {
                if (delivery.attempts() >= channel.maxAttempts()) {
                    String error = "Gave up after " + delivery.attempts() + " attempts: " + attempt.error();
                    deliveries.record(delivery, DeliveryStatus.FAILED, attempt, error, now, now);
                    log.warn("{} given up: {}", delivery, attempt.error());
                } else {
                    Instant next = now.plus(backoff(delivery.attempts()));
                    deliveries.record(delivery, DeliveryStatus.PENDING, attempt, attempt.error(), next, now);
                    log.info("{} failed, tried again at {}: {}", delivery, next, attempt.error());
                }
            }
            case FAILED -> {
                deliveries.record(delivery, DeliveryStatus.FAILED, attempt, attempt.error(), now, now);
                log.warn("{} failed for good: {}", delivery, attempt.error());
            }
        }
    }

    /** A poll, and the clean-up of old history. */
    private void tick() {
        runDue();
        deliveries.deleteFinishedBefore(now().minus(settings.deliveryRetention()));
    }

    /** Sends what is due soon, on the poller's thread (not the caller's). */
    private synchronized void wake() {
        if (poller == null) {
            return;
        }
        try {
            poller.execute(this::runSafely);
        } catch (RejectedExecutionException stopping) {
            // Shutting down: the next start's poll sends it.
        }
    }

    private void runSafely() {
        try {
            runDue();
        } catch (RuntimeException failure) {
            log.warn("Sending notification deliveries failed; the next poll tries again", failure);
        }
    }

    @ApplicationModuleListener
    void on(ProjectDeleted deleted) {
        deliveries.deleteForProject(deleted.projectId());
    }

    /** Emails still owed to someone who left the project are not sent. */
    @ApplicationModuleListener
    void on(MemberRemoved removed) {
        deliveries.deletePendingFor(removed.projectId(), removed.userId());
    }

    @Override
    public synchronized void start() {
        if (poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("nex7-notification-outbox").daemon().factory());
        long interval = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException failure) {
                log.warn("The notification outbox poll failed; it runs again in {}", settings.pollInterval(), failure);
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
