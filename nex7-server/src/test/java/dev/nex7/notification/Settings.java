package dev.nex7.notification;

import java.net.URI;
import java.time.Duration;

/** Notification settings for unit tests: the defaults, or with an SMTP host. */
public final class Settings {

    private Settings() {
    }

    public static NotificationSettings defaults() {
        return withMailHost(null);
    }

    public static NotificationSettings withMailHost(String host) {
        return withMail(new NotificationSettings.Mail(host, 587, null, null, "NEX7 <nex7@localhost>", true, Duration.ofSeconds(10), 5));
    }

    public static NotificationSettings withMail(NotificationSettings.Mail mail) {
        return new NotificationSettings(URI.create("https://nex7.example.com/"), 500, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofDays(30), mail, new NotificationSettings.Webhook(Duration.ofSeconds(10), 8));
    }
}
