package dev.nex7.deployment;

/**
 * The end of a log that fits a size limit, cut at a line boundary, and how many lines were left
 * out before it (so line numbers still count from the start of the whole log).
 */
record LogTail(String text, int skippedLines) {

    static LogTail of(String text, long maxBytes) {
        // Three bytes per char is UTF-8's worst case for a BMP char (and a surrogate pair's two
        // chars make four): under it, the exact count is not needed.
        if ((long) text.length() * 3 <= maxBytes || BuildLog.utf8Length(text) <= maxBytes) {
            return new LogTail(text, 0);
        }
        long bytes = 0;
        int start = text.length();
        while (start > 0) {
            char c = text.charAt(start - 1);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
            if (bytes > maxBytes) {
                break;
            }
            start--;
        }
        int lineStart = text.indexOf('\n', start);
        int cut = lineStart < 0 ? text.length() : lineStart + 1;
        int skipped = 0;
        for (int i = 0; i < cut; i++) {
            if (text.charAt(i) == '\n') {
                skipped++;
            }
        }
        return new LogTail(text.substring(cut), skipped);
    }
}
