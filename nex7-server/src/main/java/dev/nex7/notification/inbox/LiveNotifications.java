package dev.nex7.notification.inbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import dev.nex7.identity.UserId;

/**
 * Fans a person's inbox changes out to their open streams on this instance. In-process by design on
 * one machine; running several instances needs Redis pub/sub behind these two methods (scale-out is
 * its own issue), since a change made on one instance must reach streams held by another.
 */
@Component
public class LiveNotifications {

    /** A change of one person's inbox. */
    public sealed interface Change {
    }

    /** A new notification arrived. */
    public record Arrived(Notification notification) implements Change {
    }

    /** The number of unread notifications is now {@code count}. */
    public record Unread(long count) implements Change {
    }

    private final ConcurrentHashMap<UserId, Set<Consumer<Change>>> subscribers = new ConcurrentHashMap<>();

    public void publish(UserId user, Change change) {
        Set<Consumer<Change>> listeners = subscribers.get(user);
        if (listeners != null) {
            listeners.forEach(listener -> listener.accept(change));
        }
    }

    /** Subscribes to a person's changes; run the returned action to unsubscribe. */
    public Runnable subscribe(UserId user, Consumer<Change> listener) {
        subscribers.computeIfAbsent(user, key -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> subscribers.computeIfPresent(user, (key, listeners) -> {
            listeners.remove(listener);
            return listeners.isEmpty() ? null : listeners;
        });
    }
}
