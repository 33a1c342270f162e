package dev.nex7.deployment.local;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Reads commits and files of a repository on this machine. */
final class GitCommits {

    private static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

    private GitCommits() {
    }

    /** The first line of the commit's message, when the repository is on this machine and has the commit. */
    static Optional<String> message(String uri, String sha) {
        try (Repository repository = open(uri); RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
            return Optional.of(commit.getShortMessage());
        } catch (IOException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The text of {@code path} at the head of {@code branch}, read from git (committed files only, so
     * nothing outside the repository); empty when it is not there or is not a plain file.
     */
    static Optional<String> file(String uri, String branch, String path) {
        try (Repository repository = open(uri); RevWalk walk = new RevWalk(repository)) {
            ObjectId head = repository.resolve(Constants.R_HEADS + branch);
            if (head == null) {
                return Optional.empty();
            }
            try (TreeWalk file = TreeWalk.forPath(repository, path, walk.parseCommit(head).getTree())) {
                if (file == null || !FileMode.REGULAR_FILE.equals(file.getFileMode(0)) && !FileMode.EXECUTABLE_FILE.equals(file.getFileMode(0))) {
                    return Optional.empty();
                }
                return Optional.of(new String(repository.open(file.getObjectId(0)).getCachedBytes(MAX_FILE_BYTES), StandardCharsets.UTF_8));
            }
        } catch (IOException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    /** The repository at a {@code file:} URI, bare or not; {@link IOException} for anything else. */
    private static Repository open(String uri) throws IOException {
        if (!uri.startsWith("file:")) {
            throw new IOException("not a repository on this machine: " + uri);
        }
        File directory = new File(URI.create(uri));
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        builder.findGitDir(directory);
        if (builder.getGitDir() == null) {
            builder.setGitDir(directory); // a bare repository
        }
        return builder.build();
    }
}
