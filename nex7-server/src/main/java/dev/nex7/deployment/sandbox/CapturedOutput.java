package dev.nex7.deployment.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command's output, kept within a limit: the first half of the limit from the start and the
 * last half as a ring, because install logs put context first and build tools put their errors
 * and summaries last. Lines go to a listener as they complete. Past {@value #RUNAWAY_FACTOR}
 * times the limit the output counts as a runaway and {@link #runaway()} completes, so the sandbox
 * can stop a command that prints in a loop instead of waiting for its deadline.
 */
final class CapturedOutput {

    static final int RUNAWAY_FACTOR = 64;
    private static final int MAX_LINE = 8 * 1024;
    private static final Logger log = LoggerFactory.getLogger(CapturedOutput.class);

    private final byte[] head;
    private final byte[] tail;
    private final long runawayAfter;
    private final Consumer<String> listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final CompletableFuture<Void> runaway = new CompletableFuture<>();
    private int headSize;
    private long tailWritten;
    private long total;
    private boolean listenerFailed;

    CapturedOutput(long limit, Consumer<String> listener) {
        int capped = (int) Math.min(limit, Integer.MAX_VALUE - 8);
        this.head = new byte[capped / 2];
        this.tail = new byte[capped - capped / 2];
        this.runawayAfter = limit * RUNAWAY_FACTOR;
        this.listener = listener;
    }

    synchronized void accept(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (headSize < head.length) {
                head[headSize++] = b;
            } else {
                tail[(int) (tailWritten++ % tail.length)] = b;
            }
            if (listener != null) {
                listenTo(b);
            }
        }
        total += length;
        if (total > runawayAfter) {
            runaway.complete(null);
        }
    }

    /** Hands the last line on when the output ends without a newline. */
    synchronized void finish() {
        if (listener != null && line.size() > 0) {
            emit();
        }
    }

    CompletableFuture<Void> runaway() {
        return runaway;
    }

    synchronized long total() {
        return total;
    }

    /** The kept output; when some was dropped, cut at line ends around a line that says how much. */
    synchronized Text text() {
        if (tailWritten <= tail.length) {
            byte[] all = new byte[headSize + (int) tailWritten];
            System.arraycopy(head, 0, all, 0, headSize);
            System.arraycopy(tail, 0, all, headSize, (int) tailWritten);
            return new Text(decode(all, 0, all.length), 0);
        }
        byte[] ring = new byte[tail.length];
        int start = (int) (tailWritten % tail.length);
        System.arraycopy(tail, start, ring, 0, tail.length - start);
        System.arraycopy(tail, 0, ring, tail.length - start, start);
        int headEnd = lastNewline(head, headSize);
        int tailStart = firstNewline(ring);
        long dropped = total - headEnd - (ring.length - tailStart);
        String text = decode(head, 0, headEnd) + "\n[nex7 sandbox: " + dropped + " bytes of output dropped]\n"
                + decode(ring, tailStart, ring.length - tailStart);
        return new Text(text, dropped);
    }

    record Text(String text, long dropped) {
    }

    private void listenTo(byte b) {
        if (b == '\n') {
            emit();
        } else if (line.size() < MAX_LINE) {
            line.write(b);
        }
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            listener.accept(text);
        } catch (RuntimeException e) {
            if (!listenerFailed) {
                listenerFailed = true;
                log.warn("A build output listener failed; the build goes on without it", e);
            }
        }
    }

    /** The length up to and including the last newline, or everything when there is none. */
    private static int lastNewline(byte[] bytes, int size) {
        for (int i = size - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return size;
    }

    /** The index after the first newline, or 0 when there is none. */
    private static int firstNewline(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static String decode(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
}
