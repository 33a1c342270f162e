package dev.nex7.deployment;

/**
 * The stored log of a deployment that is still building, as text is appended to it, within a cap:
 * like the sandbox's output, its first half is kept and its end, with a line saying how much of the
 * middle was dropped. Appending is what it usually does; when the end no longer fits, the text is
 * rewritten (the end moves) and the result says so, so that readers following the log know to
 * read it whole again.
 *
 * <p>A rewrite keeps only a quarter of the cap of the end, not half: the end then has room to grow
 * by appending for a while, so a log that writes a lot is rewritten once per quarter of the cap
 * written rather than at every flush.
 *
 * @param text the kept text
 * @param head the length of the kept start when the middle was dropped; null while nothing was
 * @param dropped how many characters of the middle were dropped
 */
record GrowingLog(String text, Integer head, long dropped) {

    /** A log with {@code text} appended to it, and whether it was rewritten rather than appended to. */
    record Grown(GrowingLog log, boolean rewritten) {
    }

    GrowingLog {
        text = text == null ? "" : text;
    }

    /** The log with {@code more} appended, its middle dropped when it passes {@code maxChars}. */
    Grown append(String more, int maxChars) {
        int headBudget = maxChars / 2;
        int tailBudget = maxChars - headBudget;
        if (head == null) {
            String whole = text + more;
            if (whole.length() <= maxChars) {
                return new Grown(new GrowingLog(whole, null, 0), false);
            }
            int headEnd = lineEndBefore(whole, headBudget);
            int tailStart = Math.max(headEnd, lineStartFrom(whole, whole.length() - tailBudget / 2));
            return new Grown(cut(whole.substring(0, headEnd), tailStart - headEnd, whole.substring(tailStart)), true);
        }
        String tail = text.substring(head + marker(dropped).length()) + more;
        if (tail.length() <= tailBudget) {
            return new Grown(new GrowingLog(text + more, head, dropped), false);
        }
        int tailStart = lineStartFrom(tail, tail.length() - tailBudget / 2);
        return new Grown(cut(text.substring(0, head), dropped + tailStart, tail.substring(tailStart)), true);
    }

    private static GrowingLog cut(String start, long dropped, String end) {
        return new GrowingLog(start + marker(dropped) + end, start.length(), dropped);
    }

    /** The line standing for the dropped middle. */
    static String marker(long dropped) {
        return "[nex7: " + dropped + " characters of the log dropped while it was building]\n";
    }

    /** Where the last line that ends before {@code limit} ends; {@code limit} itself when no line does. */
    private static int lineEndBefore(String text, int limit) {
        int newline = text.lastIndexOf('\n', limit - 1);
        return newline >= 0 ? newline + 1 : safe(text, limit);
    }

    /** Where the first line that starts at or after {@code from} starts; {@code from} itself when none does. */
    private static int lineStartFrom(String text, int from) {
        if (from <= 0) {
            return 0;
        }
        if (text.charAt(from - 1) == '\n') {
            return from;
        }
        int newline = text.indexOf('\n', from);
        return newline >= 0 && newline + 1 < text.length() ? newline + 1 : safe(text, from);
    }

    /** {@code index}, moved back off the middle of a surrogate pair. */
    private static int safe(String text, int index) {
        return index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index))
                && Character.isHighSurrogate(text.charAt(index - 1)) ? index - 1 : index;
    }
}
