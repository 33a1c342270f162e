package dev.nex7.deployment.patch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A checkout of a project's repository whose files fixes read and write, confined to it: a path
 * must be relative, stay inside the checkout, stay out of {@code .git} (in any letter case) and
 * never pass through a symlink; writing never follows one.
 */
public final class Worktree {

    private final Path root;

    Worktree(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The checkout's directory. */
    public Path root() {
        return root;
    }

    /** The file at {@code path} (relative, {@code /}-separated), checked; {@link PatchRejected} when it is not allowed. */
    public Path resolve(String path) {
        if (path == null || path.isBlank() || path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")
                || path.contains("\0") || path.contains("\\")) {
            throw new PatchRejected("path-escape", "Not a relative path: " + path);
        }
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new PatchRejected("path-escape", "The path leaves the checkout: " + path);
        }
        Path relative = root.relativize(resolved);
        Path walked = root;
        for (Path part : relative) {
            if (part.toString().toLowerCase(Locale.ROOT).equals(".git")) {
                throw new PatchRejected("git-dir", "The path enters .git: " + path);
            }
            walked = walked.resolve(part);
            if (Files.isSymbolicLink(walked)) {
                throw new PatchRejected("symlink", "The path passes through a symlink: " + path);
            }
        }
        return resolved;
    }

    public Optional<String> read(String path) {
        Path file = resolve(path);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    public void write(String path, String text) {
        Path file = resolve(path);
        try {
            Files.createDirectories(file.getParent());
            resolve(path); // the folders just made are plain folders, but check the whole way again
            Files.deleteIfExists(file);
            Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    public boolean exists(String path) {
        try {
            return Files.exists(resolve(path), LinkOption.NOFOLLOW_LINKS);
        } catch (PatchRejected outside) {
            return false;
        }
    }

    public boolean isDirectory(String path) {
        try {
            return path.isEmpty() || Files.isDirectory(resolve(path), LinkOption.NOFOLLOW_LINKS);
        } catch (PatchRejected outside) {
            return false;
        }
    }

    /** The entry names of a folder ({@code ""} is the root), without {@code .git}; empty when it is not a folder. */
    public List<String> list(String folder) {
        Path directory;
        try {
            directory = folder.isEmpty() ? root : resolve(folder);
        } catch (PatchRejected outside) {
            return List.of();
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).filter(name -> !name.equalsIgnoreCase(".git")).sorted().toList();
        } catch (IOException unreadable) {
            return List.of();
        }
    }
}
