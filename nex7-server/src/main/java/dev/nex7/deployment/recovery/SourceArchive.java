package dev.nex7.deployment.recovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Unpacks a commit's source as GitHub serves it ({@code GET /repos/{owner}/{repo}/tarball/{sha}}): a
 * gzipped POSIX tar made by {@code git archive}, every path below one top folder
 * ({@code owner-repo-sha/}), with pax headers for long paths and a global pax header whose
 * {@code comment} is the full commit id. The top folder is stripped.
 *
 * <p>The archive comes from the network and is not trusted, so the reader is strict and small: ustar
 * headers (POSIX or GNU magic) with valid checksums, pax extended headers, regular files,
 * directories, symbolic links whose target stays inside, and hard links to a file unpacked earlier.
 * Refused, with nothing more unpacked: absolute paths, {@code ..}, paths outside the top folder or
 * naming {@code .git}, writing through a symbolic link, device files and FIFOs, entry kinds it does
 * not know, a path that appears twice, and archives past the size or entry limits (counted before
 * any byte of an entry is written).
 */
final class SourceArchive {

    private static final int BLOCK = 512;
    private static final int MAX_PAX_HEADER = 64 * 1024;

    /** The archive is not one NEX7 unpacks; the message says why. */
    static final class ArchiveRefused extends RuntimeException {
        ArchiveRefused(String message) {
            super(message);
        }
    }

    /**
     * How much an archive may hold.
     *
     * @param maxBytes the most its entries may hold together, unpacked
     * @param maxEntries the most files, folders and links it may hold
     */
    record Limits(long maxBytes, int maxEntries) {
    }

    /**
     * What was unpacked.
     *
     * @param commit the full commit id from the global pax header's comment, when the archive names one
     */
    record Unpacked(int entries, long bytes, String commit) {
    }

    private final InputStream in;
    private final Path root;
    private final Limits limits;
    private final byte[] header = new byte[BLOCK];
    private String top;
    private int entries;
    private long bytes;
    private String commit;

    private SourceArchive(InputStream in, Path root, Limits limits) {
        this.in = in;
        this.root = root;
        this.limits = limits;
    }

    /**
     * Unpacks the gzipped tar {@code gzipped} into {@code into} (an empty directory, created when missing).
     *
     * @throws ArchiveRefused when the archive breaks a rule; what was unpacked before stays, for the caller to delete
     * @throws IOException when it cannot be read or written
     */
    static Unpacked extract(InputStream gzipped, Path into, Limits limits) throws IOException {
        Files.createDirectories(into);
        try (InputStream tar = new GZIPInputStream(gzipped, 64 * 1024)) {
            return new SourceArchive(tar, into.toRealPath(), limits).read();
        } catch (ZipException notGzip) {
            throw new ArchiveRefused("The archive is not gzip-compressed: " + notGzip.getMessage());
        }
    }

    private Unpacked read() throws IOException {
        Map<String, String> extended = Map.of();
        while (true) {
            if (in.readNBytes(header, 0, BLOCK) < BLOCK) {
                throw new ArchiveRefused("The archive ends in the middle of a header (no end-of-archive blocks)");
            }
            if (zeros(header)) {
                return new Unpacked(entries, bytes, commit);
            }
            checkChecksum();
            char type = (char) header[156];
            if (type == 'x' || type == 'g') {
                long size = size();
                count(size);
                Map<String, String> records = pax(size);
                if (type == 'x') {
                    extended = records;
                } else if (records.getOrDefault("comment", "").matches("[0-9a-f]{40}")) {
                    commit = records.get("comment");
                }
                continue;
            }
            if (++entries > limits.maxEntries()) {
                throw new ArchiveRefused("The archive holds more than " + limits.maxEntries() + " entries");
            }
            // a pax header's size, path and link path stand for the ustar fields, which may be cut short
            long size = extended.containsKey("size") ? paxSize(extended.get("size")) : size();
            count(size);
            String name = extended.getOrDefault("path", name());
            String link = extended.getOrDefault("linkpath", field(157, 100));
            extended = Map.of();
            entry(type, name, link, size);
        }
    }

    private void entry(char type, String name, String link, long size) throws IOException {
        String path = relative(name);
        if (path == null) {
            if (type != '5') {
                throw new ArchiveRefused("The archive's top entry " + name + " is not a folder");
            }
            return;
        }
        Path target = confined(path);
        switch (type) {
            case '0', '\0', '7' -> file(target, path, size, (octal(100, 8) & 0100) != 0);
            case '5' -> folder(target, path);
            case '2' -> symlink(target, path, link);
            case '1' -> hardLink(target, path, link);
            case '3', '4', '6' -> throw new ArchiveRefused("The archive holds a device file or FIFO: " + path);
            case 'L', 'K' -> throw new ArchiveRefused("The archive uses GNU long-name entries, which are not read: " + path);
            default -> throw new ArchiveRefused("The archive holds an entry of unknown type '" + type + "': " + path);
        }
        if (type != '0' && type != '\0' && type != '7') {
            skip(size);
        }
    }

    private void file(Path target, String path, long size, boolean executable) throws IOException {
        parents(target, path);
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            long left = size;
            byte[] buffer = new byte[64 * 1024];
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new ArchiveRefused("The archive ends in the middle of " + path);
                }
                out.write(buffer, 0, read);
                left -= read;
            }
        } catch (FileAlreadyExistsException twice) {
            throw new ArchiveRefused("The archive holds " + path + " twice");
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        padding(size);
    }

    private void folder(Path target, String path) throws IOException {
        parents(target, path);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ArchiveRefused("The archive holds " + path + " twice");
        }
        Files.createDirectories(target);
    }

    private void symlink(Path target, String path, String link) throws IOException {
        if (link.isEmpty() || link.startsWith("/") || link.indexOf('\\') >= 0) {
            throw new ArchiveRefused("The symbolic link " + path + " points to an absolute or empty path: " + link);
        }
        Path pointsTo = target.getParent().resolve(link).normalize();
        if (!pointsTo.startsWith(root) || gitSegment(root.relativize(pointsTo).toString())) {
            throw new ArchiveRefused("The symbolic link " + path + " points out of the source: " + link);
        }
        parents(target, path);
        try {
            Files.createSymbolicLink(target, Path.of(link));
        } catch (FileAlreadyExistsException twice) {
            throw new ArchiveRefused("The archive holds " + path + " twice");
        }
    }

    /** A hard link names an earlier entry of the archive; its file is copied, so nothing outside can be reached through it. */
    private void hardLink(Path target, String path, String link) throws IOException {
        String linked = relative(link);
        Path source = linked == null ? null : confined(linked);
        if (source == null || !Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new ArchiveRefused("The hard link " + path + " does not name a file unpacked before it: " + link);
        }
        long size = Files.size(source);
        count(size);
        parents(target, path);
        try {
            Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        } catch (FileAlreadyExistsException twice) {
            throw new ArchiveRefused("The archive holds " + path + " twice");
        }
    }

    /** The path below GitHub's top folder, or null for the top folder itself. */
    private String relative(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.length() > 1 && name.charAt(1) == ':') {
            throw new ArchiveRefused("The archive holds an absolute or empty path: " + name);
        }
        StringBuilder rest = new StringBuilder();
        String first = null;
        for (String segment : name.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new ArchiveRefused("The archive holds a path with ..: " + name);
            }
            if (first == null) {
                first = segment;
            } else {
                rest.append(rest.isEmpty() ? "" : "/").append(segment);
            }
        }
        if (first == null) {
            throw new ArchiveRefused("The archive holds an empty path: " + name);
        }
        if (top == null) {
            top = first;
        } else if (!top.equals(first)) {
            throw new ArchiveRefused("The archive holds " + name + " outside its top folder " + top);
        }
        if (gitSegment(rest.toString())) {
            throw new ArchiveRefused("The archive holds a path inside .git: " + name);
        }
        return rest.isEmpty() ? null : rest.toString();
    }

    private Path confined(String path) {
        Path target = root.resolve(path).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new ArchiveRefused("The archive holds a path outside the source: " + path);
        }
        return target;
    }

    /** Makes the folders above {@code target}, refusing to go through a symbolic link on the way. */
    private void parents(Path target, String path) throws IOException {
        Path folder = root;
        for (Path segment : root.relativize(target.getParent())) {
            folder = folder.resolve(segment);
            if (Files.isSymbolicLink(folder)) {
                throw new ArchiveRefused("The archive writes " + path + " through a symbolic link");
            }
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(folder);
            } else if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new ArchiveRefused("The archive writes " + path + " below a file");
            }
        }
    }

    private static boolean gitSegment(String path) {
        for (String segment : path.split("/")) {
            if (segment.toLowerCase(Locale.ROOT).equals(".git")) {
                return true;
            }
        }
        return false;
    }

    private void count(long size) {
        if (size < 0 || size > limits.maxBytes() - bytes) {
            throw new ArchiveRefused("The archive unpacks to more than " + limits.maxBytes() + " bytes");
        }
        bytes += size;
    }

    /** A pax extended header's records ({@code "<length> <key>=<value>\n"}). */
    private Map<String, String> pax(long size) throws IOException {
        if (size > MAX_PAX_HEADER) {
            throw new ArchiveRefused("The archive has a pax header of " + size + " bytes");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new ArchiveRefused("The archive ends in the middle of a pax header");
        }
        padding(size);
        Map<String, String> records = new HashMap<>();
        int at = 0;
        while (at < data.length) {
            int space = at;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, at, space - at, StandardCharsets.US_ASCII));
            } catch (NumberFormatException malformed) {
                throw new ArchiveRefused("The archive has a malformed pax header");
            }
            if (length <= space - at + 1 || at + length > data.length || data[at + length - 1] != '\n') {
                throw new ArchiveRefused("The archive has a malformed pax header");
            }
            String record = new String(data, space + 1, at + length - space - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals <= 0) {
                throw new ArchiveRefused("The archive has a malformed pax header");
            }
            records.put(record.substring(0, equals), record.substring(equals + 1));
            at += length;
        }
        return records;
    }

    private static long paxSize(String value) {
        if (!value.matches("\\d{1,18}")) {
            throw new ArchiveRefused("The archive has a malformed pax size: " + value);
        }
        return Long.parseLong(value);
    }

    private void checkChecksum() {
        long stored = octal(148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte value = i >= 148 && i < 156 ? (byte) ' ' : header[i];
            unsigned += value & 0xff;
            signed += value;
        }
        if (stored != unsigned && stored != signed) {
            throw new ArchiveRefused("The archive has a header with a wrong checksum (not a tar archive, or a damaged one)");
        }
        String magic = new String(header, 257, 6, StandardCharsets.US_ASCII);
        if (!magic.equals("ustar\0") && !magic.equals("ustar ")) {
            throw new ArchiveRefused("The archive is not a POSIX (ustar) tar archive");
        }
    }

    private String name() {
        String name = field(0, 100);
        String prefix = header[257 + 5] == 0 ? field(345, 155) : ""; // the prefix field is POSIX ustar's, not GNU's
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private long size() {
        if ((header[124] & 0x80) != 0) {
            throw new ArchiveRefused("The archive holds an entry too large for an octal size");
        }
        return octal(124, 12);
    }

    private long octal(int offset, int length) {
        String text = new String(header, offset, length, StandardCharsets.US_ASCII);
        int end = text.indexOf('\0');
        String digits = (end >= 0 ? text.substring(0, end) : text).strip();
        if (digits.isEmpty()) {
            return 0;
        }
        if (!digits.matches("[0-7]{1,12}")) {
            throw new ArchiveRefused("The archive has a malformed header field");
        }
        return Long.parseLong(digits, 8);
    }

    private String field(int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private void skip(long size) throws IOException {
        in.skipNBytes(size + pad(size));
    }

    private void padding(long size) throws IOException {
        in.skipNBytes(pad(size));
    }

    private static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean zeros(byte[] block) {
        for (byte value : block) {
            if (value != 0) {
                return false;
            }
        }
        return true;
    }
}
