package dev.nex7.notification.preference;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.identity.UserId;
import dev.nex7.notification.NotificationKind;

/**
 * Each person's choice, per kind of notification, of the channels they get it on. Only what someone
 * chose is stored; every other kind has its defaults, so a kind added later starts with its own.
 */
@Service
public class Preferences {

    private final JdbcClient jdbc;
    private final Clock clock;

    Preferences(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The person's preferences for every kind, in the kinds' order. */
    public List<Preference> of(UserId user) {
        Map<NotificationKind, Preference> chosen = new EnumMap<>(NotificationKind.class);
        jdbc.sql("SELECT kind, in_app, email FROM notification_preferences WHERE user_id = :user").param("user", user.value())
                .query((row, index) -> new Preference(NotificationKind.of(row.getString("kind")), row.getBoolean("in_app"),
                        row.getBoolean("email")))
                .list().forEach(preference -> chosen.put(preference.kind(), preference));
        return java.util.Arrays.stream(NotificationKind.values()).map(kind -> chosen.getOrDefault(kind, Preference.defaultFor(kind)))
                .toList();
    }

    /** Stores the person's choices for the kinds given (the others keep theirs) and returns them all. */
    @Transactional
    public List<Preference> save(UserId user, Collection<Preference> choices) {
        Timestamp now = Timestamp.from(clock.instant());
        for (Preference choice : choices) {
            jdbc.sql("INSERT INTO notification_preferences (user_id, kind, in_app, email, updated_at) VALUES (:user, :kind, :inApp, :email, :at) "
                            + "ON CONFLICT (user_id, kind) DO UPDATE SET in_app = EXCLUDED.in_app, email = EXCLUDED.email, updated_at = EXCLUDED.updated_at")
                    .param("user", user.value()).param("kind", choice.kind().id()).param("inApp", choice.inApp())
                    .param("email", choice.email()).param("at", now).update();
        }
        return of(user);
    }

    /** What each of {@code users} chose for {@code kind} (the default for those who did not). */
    public Map<UserId, Preference> forKind(Collection<UserId> users, NotificationKind kind) {
        Map<UserId, Preference> preferences = new HashMap<>();
        users.forEach(user -> preferences.put(user, Preference.defaultFor(kind)));
        if (users.isEmpty()) {
            return preferences;
        }
        jdbc.sql("SELECT user_id, in_app, email FROM notification_preferences WHERE kind = :kind AND user_id = ANY(:users)")
                .param("kind", kind.id()).param("users", users.stream().map(UserId::value).toArray(UUID[]::new))
                .query((row, index) -> Map.entry(new UserId(row.getObject("user_id", UUID.class)),
                        new Preference(kind, row.getBoolean("in_app"), row.getBoolean("email"))))
                .list().forEach(entry -> preferences.put(entry.getKey(), entry.getValue()));
        return preferences;
    }
}
