package dev.nex7.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseReaderTests {

    @Test
    void eventsAreSplitAtBlankLinesWithTheirTypeAndDataLinesJoined() throws IOException {
        List<SseReader.Event> events = read("""
                : a comment
                event: message_start
                data: {"a":
                data: 1}

                data: [DONE]
                retry: 1000

                """);

        assertThat(events).containsExactly(new SseReader.Event("message_start", "{\"a\":\n1}"),
                new SseReader.Event("message", "[DONE]"));
    }

    @Test
    void carriageReturnsAndALastEventWithoutItsBlankLineAreHandled() throws IOException {
        List<SseReader.Event> events = read("event: ping\r\ndata: {}\r\n\r\nevent:message_stop\ndata:{\"é\":1}");

        assertThat(events).containsExactly(new SseReader.Event("ping", "{}"),
                new SseReader.Event("message_stop", "{\"é\":1}"));
    }

    private static List<SseReader.Event> read(String text) throws IOException {
        SseReader reader = new SseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        List<SseReader.Event> events = new ArrayList<>();
        for (SseReader.Event event; (event = reader.next()) != null;) {
            events.add(event);
        }
        return events;
    }
}
