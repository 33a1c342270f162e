package dev.nex7.deployment.sandbox;

import java.time.Duration;

/** Durations as people write them in settings: {@code 15m}, {@code 90s}, {@code 200ms}. */
final class Durations {

    private Durations() {
    }

    static String print(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
