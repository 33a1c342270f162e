package dev.nex7.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GrowingLogTests {

    private static final int CAP = 400;

    @Test
    void textWithinTheCapIsAppendedAsItIs() {
        GrowingLog.Grown grown = new GrowingLog("$ npm run build\n", null, 0).append("> tsc -p .\n", CAP);

        assertThat(grown.rewritten()).isFalse();
        assertThat(grown.log()).isEqualTo(new GrowingLog("$ npm run build\n> tsc -p .\n", null, 0));
    }

    @Test
    void pastTheCapTheMiddleIsDroppedAtLineEndsKeepingTheStartAndRoomAtTheEnd() {
        GrowingLog log = new GrowingLog(lines(0, 10), null, 0);

        GrowingLog.Grown grown = log.append(lines(10, 30), CAP);

        String text = grown.log().text();
        assertThat(grown.rewritten()).isTrue();
        assertThat(text).startsWith("line 000 ....\n").endsWith("line 029 ....\n").hasSizeLessThanOrEqualTo(CAP);
        assertThat(text.substring(0, grown.log().head())).isEqualTo(lines(0, 14)).hasSizeLessThanOrEqualTo(CAP / 2);
        assertThat(text.substring(grown.log().head())).startsWith(GrowingLog.marker(grown.log().dropped()));
        assertThat(grown.log().dropped()).isEqualTo(lines(14, 23).length());
        assertThat(text.substring(text.length() - lines(23, 30).length())).isEqualTo(lines(23, 30));
    }

    @Test
    void onceCutTheEndGrowsByAppendingUntilItIsFullAgainThenMoves() {
        GrowingLog cut = new GrowingLog(lines(0, 10), null, 0).append(lines(10, 30), CAP).log();

        GrowingLog.Grown room = cut.append(lines(30, 33), CAP);
        GrowingLog.Grown full = room.log().append(lines(33, 60), CAP);

        assertThat(room.rewritten()).isFalse();
        assertThat(room.log().text()).isEqualTo(cut.text() + lines(30, 33));
        assertThat(full.rewritten()).isTrue();
        assertThat(full.log().head()).isEqualTo(cut.head());
        assertThat(full.log().text()).startsWith(lines(0, 14) + GrowingLog.marker(full.log().dropped())).endsWith(lines(53, 60))
                .hasSizeLessThanOrEqualTo(CAP);
        assertThat(full.log().dropped()).isEqualTo(lines(14, 53).length());
    }

    @Test
    void oneLongLineIsCutWhereTheLimitsAreWithoutSplittingACharacter() {
        String emoji = "\uD83D\uDE80";
        GrowingLog.Grown grown = new GrowingLog(null, null, 0).append("x" + emoji.repeat(300), CAP);

        String text = grown.log().text();
        assertThat(grown.rewritten()).isTrue();
        assertThat(text.codePoints()).allMatch(point -> point == 0x1F680 || point < 0x80);
        assertThat(grown.log().head()).as("not between the two halves of a pair").isEqualTo(199);
    }

    /** Lines {@code from} to {@code to} (exclusive), 14 characters each with the newline. */
    private static String lines(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append("line %03d ....\n".formatted(i));
        }
        return text.toString();
    }
}
