package dev.nex7.workflow.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class CronScheduleTests {

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void aDailyBerlinTimeStaysAtNineLocalAcrossBothDaylightSavingChanges() {
        CronSchedule nineInBerlin = CronSchedule.of("0 9 * * *", "Europe/Berlin");

        // Spring forward on 2025-03-30: 09:00 is 08:00Z the day before and 07:00Z that day.
        assertThat(nineInBerlin.next(at("2025-03-28T09:00:00Z"))).isEqualTo(at("2025-03-29T08:00:00Z"));
        assertThat(nineInBerlin.next(at("2025-03-29T08:00:00Z"))).isEqualTo(at("2025-03-30T07:00:00Z"));
        // Fall back on 2025-10-26: 09:00 is 07:00Z before and 08:00Z after.
        assertThat(nineInBerlin.next(at("2025-10-25T06:00:00Z"))).isEqualTo(at("2025-10-25T07:00:00Z"));
        assertThat(nineInBerlin.next(at("2025-10-25T07:00:00Z"))).isEqualTo(at("2025-10-26T08:00:00Z"));
    }

    @Test
    void aLocalTimeTheClockChangeSkipsOrRepeatsFiresOnceThatDay() {
        CronSchedule halfPastTwo = CronSchedule.of("30 2 * * *", "Europe/Berlin");

        // 02:30 does not exist on 2025-03-30 (02:00 jumps to 03:00): it fires at 03:00. It happens twice on 2025-10-26: once.
        List<Instant> spring = halfPastTwo.latest(at("2025-03-29T00:00:00Z"), at("2025-03-31T12:00:00Z"), 10);
        List<Instant> autumn = halfPastTwo.latest(at("2025-10-25T00:00:00Z"), at("2025-10-27T12:00:00Z"), 10);

        assertThat(spring).hasSize(3);
        assertThat(spring.get(0)).isEqualTo(at("2025-03-29T01:30:00Z"));
        assertThat(spring.get(1)).isEqualTo(at("2025-03-30T01:00:00Z"));
        assertThat(spring.get(2)).isEqualTo(at("2025-03-31T00:30:00Z"));
        assertThat(autumn).hasSize(3);
        assertThat(autumn.get(0)).isEqualTo(at("2025-10-25T00:30:00Z"));
        assertThat(autumn.get(1)).isEqualTo(at("2025-10-26T00:30:00Z"));
        assertThat(autumn.get(2)).isEqualTo(at("2025-10-27T01:30:00Z"));
    }

    @Test
    void anEveryQuarterHourScheduleKeepsItsRhythmThroughTheRepeatedHour() {
        CronSchedule quarterly = CronSchedule.of("*/15 * * * *", "Europe/Berlin");

        // 2025-10-26 00:00Z to 02:00Z covers 02:00-02:59 CEST and then 02:00-02:59 CET again.
        List<Instant> times = quarterly.latest(at("2025-10-26T00:00:00Z"), at("2025-10-26T01:59:59Z"), 20);

        assertThat(times).hasSize(8);
        assertThat(times).doesNotHaveDuplicates();
    }

    @Test
    void fiveFieldsSixFieldsAndMacrosAllParse() {
        Instant start = at("2025-01-01T10:15:30Z");

        assertThat(CronSchedule.of("*/15 * * * *", "UTC").next(start)).isEqualTo(at("2025-01-01T10:30:00Z"));
        assertThat(CronSchedule.of("*/10 * * * * *", "UTC").next(start)).isEqualTo(at("2025-01-01T10:15:40Z"));
        assertThat(CronSchedule.of("@hourly", "UTC").next(start)).isEqualTo(at("2025-01-01T11:00:00Z"));
        assertThat(CronSchedule.of("@DAILY", null).next(start)).isEqualTo(at("2025-01-02T00:00:00Z"));
        assertThat(CronSchedule.of("0 9 * * MON-FRI", "UTC").next(at("2025-01-03T10:00:00Z"))).isEqualTo(at("2025-01-06T09:00:00Z"));
    }

    @Test
    void invalidExpressionsAndZonesAreRefusedWithAReadableReason() {
        assertThatThrownBy(() -> CronSchedule.parseCron("every day")).hasMessageContaining("5 fields");
        assertThatThrownBy(() -> CronSchedule.parseCron("0 25 * * *")).hasMessageContaining("not a valid cron expression");
        assertThatThrownBy(() -> CronSchedule.parseCron(" ")).hasMessageContaining("required");
        assertThatThrownBy(() -> CronSchedule.parseZone("Mars/Olympus_Mons")).hasMessageContaining("IANA");
    }

    @Test
    void anExpressionThatCannotMatchHasNoNextTime() {
        assertThat(CronSchedule.of("0 0 30 2 *", "UTC").next(at("2025-01-01T00:00:00Z"))).isNull();
    }

    @Test
    void latestFindsTheLastTimesOfALongGapWithoutWalkingItAll() {
        CronSchedule everySecond = CronSchedule.of("* * * * * *", "UTC");

        List<Instant> last = everySecond.latest(at("2024-01-01T00:00:00Z"), at("2025-01-01T00:00:00Z"), 3);

        assertThat(last).containsExactly(at("2024-12-31T23:59:58Z"), at("2024-12-31T23:59:59Z"), at("2025-01-01T00:00:00Z"));
    }

    @Test
    void missedTimesFollowTheRecoverPolicyAndTheCurrentTimeAlwaysFires() {
        CronSchedule hourly = CronSchedule.of("0 * * * *", "UTC");
        Instant nextFireAt = at("2025-05-01T10:00:00Z");
        Instant now = at("2025-05-01T15:00:20Z");
        Duration threshold = Duration.ofMinutes(1);

        assertThat(hourly.dueTimes(nextFireAt, now, threshold, "none", 100)).containsExactly(at("2025-05-01T15:00:00Z"));
        assertThat(hourly.dueTimes(nextFireAt, now, threshold, "last", 100))
                .containsExactly(at("2025-05-01T14:00:00Z"), at("2025-05-01T15:00:00Z"));
        assertThat(hourly.dueTimes(nextFireAt, now, threshold, "all", 100)).containsExactly(at("2025-05-01T10:00:00Z"),
                at("2025-05-01T11:00:00Z"), at("2025-05-01T12:00:00Z"), at("2025-05-01T13:00:00Z"), at("2025-05-01T14:00:00Z"),
                at("2025-05-01T15:00:00Z"));
        assertThat(hourly.dueTimes(nextFireAt, now, threshold, "all", 2))
                .containsExactly(at("2025-05-01T13:00:00Z"), at("2025-05-01T14:00:00Z"), at("2025-05-01T15:00:00Z"));
        assertThat(hourly.dueTimes(nextFireAt, at("2025-05-01T15:30:00Z"), threshold, "none", 100)).isEmpty();
    }
}
