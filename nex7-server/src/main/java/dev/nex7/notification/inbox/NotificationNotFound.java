package dev.nex7.notification.inbox;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** No such notification, or it is someone else's: the two are not told apart. */
public class NotificationNotFound extends ApiProblem {

    public NotificationNotFound() {
        super(HttpStatus.NOT_FOUND, "notification-not-found", "Notification not found", "There is no such notification.");
    }
}
