package dev.nex7.deployment.patch;

import java.util.List;

/**
 * The change a diff makes to one file.
 *
 * @param oldPath the file before, as the diff names it without its {@code a/} prefix; {@code null} for a new file
 * @param newPath the file after, without its {@code b/} prefix; {@code null} for a deleted file
 * @param oldMode the git mode before ({@code 100644}, …) when the diff says, else {@code null}
 * @param newMode the git mode after when the diff says, else {@code null}
 * @param copy whether {@code newPath} is a copy of {@code oldPath} (which stays) rather than a rename
 * @param binary whether the diff carries (or only mentions) a binary change
 * @param hunks the line changes, in file order
 */
public record FilePatch(String oldPath, String newPath, String oldMode, String newMode, boolean copy, boolean binary,
        List<Hunk> hunks) {

    public FilePatch {
        hunks = List.copyOf(hunks);
    }

    public boolean isNew() {
        return oldPath == null;
    }

    public boolean isDeleted() {
        return newPath == null;
    }

    /** Whether the file moves (or is copied) to another path. */
    public boolean isRename() {
        return oldPath != null && newPath != null && !oldPath.equals(newPath);
    }

    /** The path the change is about: the new one, or the old one of a deleted file. */
    public String path() {
        return newPath != null ? newPath : oldPath;
    }
}
