package dev.nex7.deployment.patch;

import java.util.Objects;

/** Who a fix commit is by (author and committer). */
public record CommitAuthor(String name, String email) {

    public CommitAuthor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
    }
}
