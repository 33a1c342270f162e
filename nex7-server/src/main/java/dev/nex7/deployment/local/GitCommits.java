package dev.nex7.deployment.local;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Reads a commit of a repository on this machine. */
final class GitCommits {

    private GitCommits() {
    }

    /** The first line of the commit's message, when the repository is on this machine and has the commit. */
    static Optional<String> message(String uri, String sha) {
        if (!uri.startsWith("file:")) {
            return Optional.empty();
        }
        File directory = new File(URI.create(uri));
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        builder.findGitDir(directory);
        if (builder.getGitDir() == null) {
            builder.setGitDir(directory); // a bare repository
        }
        try (Repository repository = builder.build(); RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
            return Optional.of(commit.getShortMessage());
        } catch (IOException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }
}
