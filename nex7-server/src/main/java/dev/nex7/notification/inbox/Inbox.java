package dev.nex7.notification.inbox;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.nex7.identity.UserId;
import dev.nex7.notification.NotificationSettings;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.project.ProjectEvents.MemberRemoved;
import dev.nex7.project.ProjectEvents.ProjectDeleted;

/**
 * People's in-app notifications: each person reads and marks only their own (anyone else's is
 * {@link NotificationNotFound}). Changes reach the person's open streams through
 * {@link LiveNotifications} once they are committed, never before: a stream never shows what a
 * rollback took back.
 */
@Service
public class Inbox {

    /** The largest page of notifications one request may ask for. */
    public static final int MAX_PAGE = 100;

    /**
     * One page, newest first.
     *
     * @param nextBefore the id to pass as {@code before} for the next page; {@code null} on the last
     */
    public record Page(List<Notification> items, NotificationId nextBefore) {
    }

    private final Notifications notifications;
    private final LiveNotifications live;
    private final NotificationSettings settings;
    private final Clock clock;

    Inbox(Notifications notifications, LiveNotifications live, NotificationSettings settings, Clock clock) {
        this.notifications = notifications;
        this.live = live;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Adds notifications to their recipients' inboxes (one a recipient has for the same event already is
     * left alone), keeps each inbox within {@code nex7.notification.max-per-user}, and tells the
     * recipients' streams after the commit.
     *
     * @return the notifications added
     */
    @Transactional
    public List<Notification> add(List<NewNotification> fresh) {
        Instant now = now();
        List<Notification> added = new ArrayList<>();
        Set<UserId> recipients = new LinkedHashSet<>();
        for (NewNotification notification : fresh) {
            notifications.insert(NotificationId.random(), notification, now).ifPresent(added::add);
            recipients.add(notification.recipient());
        }
        recipients.forEach(recipient -> notifications.prune(recipient, settings.maxPerUser()));
        afterCommit(() -> added.forEach(notification -> {
            live.publish(notification.recipient(), new LiveNotifications.Arrived(notification));
            live.publish(notification.recipient(), new LiveNotifications.Unread(notifications.unread(notification.recipient())));
        }));
        return added;
    }

    /**
     * A page of the person's notifications, newest first.
     *
     * @param before the last notification of the previous page, or {@code null} for the first page
     * @param limit 1 to {@link #MAX_PAGE}
     */
    public Page page(UserId user, boolean unreadOnly, NotificationId before, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequest("limit", "must be between 1 and " + MAX_PAGE);
        }
        long beforeSeq = before == null ? Long.MAX_VALUE
                : notifications.seqOf(user, before).orElseThrow(() -> new InvalidRequest("before", "is not one of your notifications"));
        List<Notification> items = notifications.page(user, unreadOnly, beforeSeq, limit + 1);
        if (items.size() <= limit) {
            return new Page(items, null);
        }
        List<Notification> page = items.subList(0, limit);
        return new Page(List.copyOf(page), page.getLast().id());
    }

    public long unread(UserId user) {
        return notifications.unread(user);
    }

    /** Marks one of the person's notifications read. */
    @Transactional
    public Notification markRead(UserId user, NotificationId id) {
        Notification read = notifications.markRead(user, id, now()).orElseThrow(NotificationNotFound::new);
        afterCommit(() -> live.publish(user, new LiveNotifications.Unread(notifications.unread(user))));
        return read;
    }

    /** Marks all the person's notifications read; returns how many were unread. */
    @Transactional
    public int markAllRead(UserId user) {
        int marked = notifications.markAllRead(user, now());
        afterCommit(() -> live.publish(user, new LiveNotifications.Unread(notifications.unread(user))));
        return marked;
    }

    @ApplicationModuleListener
    void on(ProjectDeleted deleted) {
        notifications.deleteForProject(deleted.projectId());
    }

    /** Someone who left a project no longer sees what happened in it, their notifications included. */
    @ApplicationModuleListener
    void on(MemberRemoved removed) {
        if (notifications.deleteForMember(removed.projectId(), removed.userId()) > 0) {
            afterCommit(() -> live.publish(removed.userId(), new LiveNotifications.Unread(notifications.unread(removed.userId()))));
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
