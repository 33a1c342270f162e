package dev.nex7.workflow.trigger;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import org.springframework.scheduling.support.CronExpression;

/**
 * When a schedule trigger fires: a cron expression read in a time zone. Five fields (minute hour
 * day-of-month month day-of-week), six with seconds first, or a macro ({@code @hourly},
 * {@code @daily}, {@code @weekly}, {@code @monthly}, {@code @yearly}). Times are computed in the
 * zone, so "every day at 09:00 Europe/Berlin" stays at 09:00 local time across daylight-saving
 * changes. As with cron, a local time that a change skips fires when the gap ends, and a named time
 * that a change repeats fires once (see {@link #fixedHours}).
 */
record CronSchedule(CronExpression expression, ZoneId zone, boolean fixedHours) {

    /** @throws IllegalArgumentException with a message for the person who wrote it, when either part is invalid */
    static CronSchedule of(String cron, String timezone) {
        return new CronSchedule(parseCron(cron), parseZone(timezone), fixedHours(cron));
    }

    /**
     * Whether the expression names its hours (a daily 02:30) rather than running every hour (every
     * 15 minutes). Like cron, only the first kind fires once when a clock change repeats an hour; the
     * second keeps its rhythm through the repeated hour.
     */
    private static boolean fixedHours(String cron) {
        String text = cron.strip();
        if (text.startsWith("@")) {
            return !text.equalsIgnoreCase("@hourly");
        }
        String[] fields = text.split("\\s+");
        String hours = fields.length == 5 ? fields[1] : fields[2];
        return !hours.equals("*") && !hours.startsWith("*/");
    }

    static CronExpression parseCron(String cron) {
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("A cron expression is required.");
        }
        String text = cron.strip();
        if (!text.startsWith("@")) {
            int fields = text.split("\\s+").length;
            if (fields == 5) {
                text = "0 " + text;
            } else if (fields != 6) {
                throw new IllegalArgumentException("A cron expression has 5 fields (minute hour day month weekday) or 6 with "
                        + "seconds first; \"" + cron.strip() + "\" has " + fields + ".");
            }
        }
        try {
            return CronExpression.parse(text.startsWith("@") ? text.toLowerCase(Locale.ROOT) : text);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("\"" + cron.strip() + "\" is not a valid cron expression: " + invalid.getMessage());
        }
    }

    static ZoneId parseZone(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timezone.strip());
        } catch (DateTimeException unknown) {
            throw new IllegalArgumentException("\"" + timezone.strip() + "\" is not a time zone; use an IANA name such as Europe/Berlin.");
        }
    }

    /** The first time strictly after {@code after}; {@code null} when the expression never matches again. */
    Instant next(Instant after) {
        ZonedDateTime next = expression.next(after.atZone(zone));
        while (fixedHours && next != null && !next.equals(next.withEarlierOffsetAtOverlap())) {
            // The second time a repeated local hour shows a time: it matched (and fired) the first time already.
            next = expression.next(next);
        }
        Instant candidate = next == null ? null : next.toInstant();
        // Spring skips a local time that a daylight-saving gap removes; like cron, fire it when the gap ends instead.
        ZoneOffsetTransition transition = zone.getRules().nextTransition(after);
        while (candidate != null && transition != null && transition.getInstant().isBefore(candidate)) {
            if (transition.isGap()) {
                LocalDateTime skipped = expression.next(transition.getDateTimeBefore().minusSeconds(1));
                if (skipped != null && skipped.isBefore(transition.getDateTimeAfter())) {
                    return transition.getInstant();
                }
            }
            transition = zone.getRules().nextTransition(transition.getInstant());
        }
        return candidate;
    }

    /**
     * The latest {@code limit} times in {@code [from, to]}, oldest first. Looks back from {@code to}
     * over a window that doubles until it holds enough times or reaches {@code from}, so a schedule
     * that missed a year of minutes costs about as much as one that missed a few.
     */
    List<Instant> latest(Instant from, Instant to, int limit) {
        if (limit < 1 || from.isAfter(to)) {
            return List.of();
        }
        Duration window = Duration.ofMinutes(1);
        while (true) {
            Instant start = to.minus(window).isAfter(from) ? to.minus(window) : from;
            List<Instant> found = between(start, to, limit);
            if (found.size() >= limit || start.equals(from)) {
                return found;
            }
            window = window.multipliedBy(2);
        }
    }

    /**
     * The times a schedule fires now, oldest first. Times from {@code nextFireAt} up to {@code now} are
     * due; those older than {@code misfireThreshold} were <em>missed</em> (no instance was running, or
     * all were stalled) and fire only as {@code recover} says: {@code none} not at all, {@code last}
     * the latest of them, {@code all} the latest {@code maxCatchUp}. The others fire in any case.
     */
    List<Instant> dueTimes(Instant nextFireAt, Instant now, Duration misfireThreshold, String recover, int maxCatchUp) {
        Instant lateBefore = now.minus(misfireThreshold);
        List<Instant> onTime = latest(nextFireAt.isAfter(lateBefore) ? nextFireAt : lateBefore, now, maxCatchUp);
        int keep = switch (recover) {
            case "last" -> 1;
            case "all" -> maxCatchUp;
            default -> 0;
        };
        Instant missedUntil = lateBefore.minusNanos(1);
        List<Instant> missed = latest(nextFireAt, missedUntil, keep);
        return java.util.stream.Stream.concat(missed.stream(), onTime.stream()).toList();
    }

    /** The last {@code limit} times in {@code [start, end]}, oldest first. */
    private List<Instant> between(Instant start, Instant end, int limit) {
        Deque<Instant> kept = new ArrayDeque<>();
        // next() is strictly after its argument and works in whole seconds: start one second early to include start.
        Instant time = next(start.minusSeconds(1));
        while (time != null && !time.isAfter(end)) {
            if (!time.isBefore(start)) {
                kept.addLast(time);
                if (kept.size() > limit) {
                    kept.removeFirst();
                }
            }
            time = next(time);
        }
        return List.copyOf(kept);
    }
}
