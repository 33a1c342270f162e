package dev.nex7.deployment.patch;

/** The repository has no commit (or branch or tag) by that name. */
public class CommitNotFound extends RuntimeException {

    public CommitNotFound(String repository, String commit) {
        super("The repository " + repository + " has no commit " + commit);
    }
}
