package dev.nex7.deployment.patch;

import java.util.List;

/**
 * One {@code @@ -oldStart,oldCount +newStart,newCount @@} block of a file patch.
 *
 * @param oldStart the first line (1-based) the hunk replaces; for a pure insertion ({@code oldCount}
 *        0), the line it inserts after
 * @param lines the hunk's lines in order
 */
public record Hunk(int oldStart, int oldCount, int newStart, int newCount, List<Line> lines) {

    public Hunk {
        lines = List.copyOf(lines);
    }

    /**
     * One line of a hunk.
     *
     * @param kind {@code ' '} context, {@code '-'} removed, {@code '+'} added
     * @param text the line without its marker and without its newline (a carriage return of a
     *        CRLF file stays)
     * @param noNewlineAtEnd whether {@code \ No newline at end of file} follows it: the file's last
     *        line on that side has no newline
     */
    public record Line(char kind, String text, boolean noNewlineAtEnd) {

        /** The line as it is in the file: with its newline unless it has none. */
        String inFile() {
            return noNewlineAtEnd ? text : text + "\n";
        }
    }

    /** The lines the file has before the change: context and removed ones. */
    List<String> before() {
        return lines.stream().filter(line -> line.kind() != '+').map(Line::inFile).toList();
    }

    /** The lines the file has after the change: context and added ones. */
    List<String> after() {
        return lines.stream().filter(line -> line.kind() != '-').map(Line::inFile).toList();
    }
}
