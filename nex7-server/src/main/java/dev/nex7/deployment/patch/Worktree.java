package dev.nex7.deployment.patch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import dev.nex7.deployment.patch.PatchRejected.Reason;

/**
 * Confined access to the files of a checkout, for fixes that edit it. Paths are relative, with
 * {@code /} separators, and refused ({@link PatchRejected}) when they are absolute, when their
 * {@code ..} leads out of the checkout, when they name anything inside {@code .git} (in any case,
 * and in the spellings Windows and macOS file systems treat as {@code .git}, such as
 * {@code .git.} or {@code git~1}; a submodule's {@code .git} file included), or when a symbolic link
 * on the way leads out of the checkout. Writing and deleting never go through a symbolic link at
 * all, even one that stays inside: what a link points to is not what the patch named.
 * {@code .gitmodules} and {@code .gitignore} are ordinary files.
 */
public final class Worktree {

    /** The largest file read or written, 8 MiB: source files are far smaller, generated ones are not a fix's business. */
    public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;
    private static final String DEPENDENCIES = "node_modules";
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path root;

    /** @param root an existing directory; its real path (links resolved) is the boundary */
    public Worktree(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("No checkout at " + root, e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("Not a directory: " + root);
        }
    }

    public Path root() {
        return root;
    }

    /**
     * {@code path} in its canonical form ({@code ./src//a/../b.ts} is {@code src/b.ts}).
     *
     * @throws PatchRejected when it is blank, absolute, escapes the checkout or names {@code .git}
     */
    public static String normalize(String path) {
        if (path == null || path.isBlank() || path.indexOf('\0') >= 0) {
            throw new PatchRejected(Reason.MALFORMED, path, "A path is blank or holds a NUL character");
        }
        if (path.startsWith("/") || path.startsWith("\\") || path.length() > 1 && path.charAt(1) == ':'
                && Character.isLetter(path.charAt(0))) {
            throw new PatchRejected(Reason.PATH_ESCAPE, path, "The path " + path + " is absolute");
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new PatchRejected(Reason.PATH_ESCAPE, path, "The path " + path + " leads out of the checkout");
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        if (segments.isEmpty()) {
            throw new PatchRejected(Reason.MALFORMED, path, "The path " + path + " names the checkout itself");
        }
        if (segments.stream().anyMatch(Worktree::isGitName)) {
            throw new PatchRejected(Reason.GIT_DIR, path, "The path " + path + " is inside .git");
        }
        return String.join("/", segments);
    }

    /** Whether the file or directory exists (a link leading out of the checkout is refused). */
    public boolean exists(String path) {
        return Files.exists(readable(path), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The file's text.
     *
     * @throws PatchRejected {@code binary} when it is not UTF-8 text, {@code too-large} past {@link #MAX_FILE_BYTES}
     * @throws UncheckedIOException with a {@link NoSuchFileException} when it does not exist
     */
    public String read(String path) {
        return readIfPresent(path).orElseThrow(() -> new UncheckedIOException(new NoSuchFileException(path)));
    }

    /** The file's text, or empty when there is no such file. */
    public Optional<String> readIfPresent(String path) {
        Path file = readable(path);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new PatchRejected(Reason.TOO_LARGE, path, path + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return Optional.of(text(path, Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code content} (UTF-8) to the file, making its folders; atomically, by a rename over
     * it, so a reader never sees half a file.
     *
     * @throws PatchRejected {@code symlink} when the file or a folder on the way is a symbolic link
     */
    public void write(String path, String content) {
        Path file = writable(path);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new PatchRejected(Reason.TOO_LARGE, path, path + " would be larger than " + MAX_FILE_BYTES + " bytes");
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".nex7-", ".tmp");
            try {
                Files.write(temporary, bytes);
                // A new file gets the usual rw-r--r--; an existing one keeps its mode (a script stays executable).
                Files.setPosixFilePermissions(temporary, Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                        ? Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS) : NEW_FILE);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + path, e);
        }
    }

    /** Deletes the file if it exists; a symbolic link is refused, not deleted. */
    public void delete(String path) {
        Path file = writable(path);
        try {
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new PatchRejected(Reason.MALFORMED, path, path + " is a directory, not a file");
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + path, e);
        }
    }

    /** The entries of a directory ({@code ""} for the root) as paths from the root, sorted; {@code .git} left out. */
    public List<String> list(String directory) {
        Path folder = directory.isEmpty() ? root : readable(directory);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(entry -> !isGitName(entry.getFileName().toString())).map(this::relative).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Files and folders under {@code directory} ({@code ""} for the whole checkout), at any depth,
     * whose name equals {@code name} ignoring case and extension: for an import of
     * {@code ./components/button} that should have been {@code ./components/Button.tsx}. Leaves
     * out {@code .git} and {@code node_modules}, and does not follow symbolic links. Sorted.
     */
    public List<String> findByName(String directory, String name) {
        Path folder = directory.isEmpty() ? root : readable(directory);
        String wanted = stem(name.substring(name.lastIndexOf('/') + 1));
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return found;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    String entry = dir.getFileName().toString();
                    if (!dir.equals(folder) && (isGitName(entry) || entry.equals(DEPENDENCIES))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (!dir.equals(folder) && stem(entry).equals(wanted)) {
                        found.add(relative(dir));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String entry = file.getFileName().toString();
                    if (!isGitName(entry) && stem(entry).equals(wanted)) {
                        found.add(relative(file));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(null);
        return found;
    }

    /**
     * The file a change may write: no symbolic link on the way or at the end.
     *
     * @throws PatchRejected when the path is refused
     */
    Path writable(String path) {
        String normalized = normalize(path);
        Path current = root;
        for (String segment : normalized.split("/")) {
            current = current.resolve(segment);
            if (Files.isSymbolicLink(current)) {
                throw new PatchRejected(Reason.SYMLINK, path, "The path " + path + " goes through the symbolic link "
                        + relative(current));
            }
        }
        return current;
    }

    /** The file a change may read: links are followed but must stay inside the checkout, out of {@code .git}. */
    private Path readable(String path) {
        Path file = root.resolve(normalize(path));
        Path existing = file;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return file;
        }
        try {
            Path real = existing.toRealPath();
            if (!real.startsWith(root)) {
                throw new PatchRejected(Reason.SYMLINK, path, "The path " + path + " goes through a symbolic link out of the checkout");
            }
            if (!real.equals(root)) {
                normalize(root.relativize(real).toString());
            }
            return real.resolve(existing.relativize(file));
        } catch (NoSuchFileException e) {
            // A link to nothing: it cannot be read, and it cannot be written through.
            throw new PatchRejected(Reason.SYMLINK, path, "The path " + path + " goes through a dangling symbolic link");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private static String text(String path, byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                throw new PatchRejected(Reason.BINARY, path, path + " is a binary file");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PatchRejected(Reason.BINARY, path, path + " is not UTF-8 text");
        }
    }

    /**
     * Whether git (on any file system) treats the name as {@code .git}: case-insensitive file
     * systems ({@code .GIT}), Windows dropping trailing dots and spaces ({@code .git.}) and its short
     * names ({@code git~1}), and macOS ignoring some invisible characters ({@code .g\u200cit}).
     */
    static boolean isGitName(String segment) {
        StringBuilder visible = new StringBuilder();
        segment.codePoints().filter(c -> Character.getType(c) != Character.FORMAT).forEach(visible::appendCodePoint);
        String name = visible.toString().replaceAll("[. ]+$", "").toLowerCase(Locale.ROOT);
        return name.equals(".git") || name.equals("git~1");
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT);
    }
}
