package dev.nex7.llm.provider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events (the WHATWG event stream format) as they arrive: {@code event:} and
 * {@code data:} fields, several data lines joined with a line feed, comments and unknown fields
 * skipped, an event dispatched at each blank line.
 */
final class SseReader {

    /** One event: its type ({@code message} when it named none) and its data. */
    record Event(String type, String data) {
    }

    private final BufferedReader lines;

    SseReader(InputStream body) {
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 8192);
    }

    /** The next event, or {@code null} at the end of the stream. */
    Event next() throws IOException {
        String type = null;
        StringBuilder data = null;
        for (String line; (line = lines.readLine()) != null;) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(type == null ? "message" : type, data.toString());
                }
                type = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                type = value;
            } else if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        // A last event without its blank line is dispatched too: some servers end that way.
        return data == null ? null : new Event(type == null ? "message" : type, data.toString());
    }
}
