package dev.nex7.deployment.recovery;

import java.util.List;
import java.util.Optional;

/**
 * The files of a checkout, as fix generators read and change them: paths are relative with
 * {@code /} separators, and the implementation refuses any that leave the checkout, enter
 * {@code .git/} or pass through a symlink.
 */
public interface ProjectFiles {

    /** The text of the file, if it exists. */
    Optional<String> read(String path);

    /** Writes (creates or replaces) the file. */
    void write(String path, String text);

    /** Whether the file or directory exists. */
    boolean exists(String path);

    /** Whether the path is a directory. */
    boolean isDirectory(String path);

    /** The names of the entries of a directory ({@code ""} is the root), empty when it does not exist. */
    List<String> list(String directory);
}
