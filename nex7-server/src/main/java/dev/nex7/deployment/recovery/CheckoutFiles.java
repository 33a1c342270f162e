package dev.nex7.deployment.recovery;

import java.util.List;
import java.util.Optional;

import dev.nex7.deployment.patch.Worktree;

/** A checkout's files as fix generators see them (confined by the {@link Worktree}). */
final class CheckoutFiles implements ProjectFiles {

    private final Worktree checkout;

    CheckoutFiles(Worktree checkout) {
        this.checkout = checkout;
    }

    @Override
    public Optional<String> read(String path) {
        try {
            return checkout.readIfPresent(path);
        } catch (dev.nex7.deployment.patch.PatchRejected outside) {
            return Optional.empty();
        }
    }

    @Override
    public void write(String path, String text) {
        checkout.write(path, text);
    }

    @Override
    public boolean exists(String path) {
        try {
            return checkout.exists(path);
        } catch (dev.nex7.deployment.patch.PatchRejected outside) {
            return false;
        }
    }

    @Override
    public boolean isDirectory(String path) {
        try {
            return path.isEmpty() || java.nio.file.Files.isDirectory(checkout.root().resolve(Worktree.normalize(path)),
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (dev.nex7.deployment.patch.PatchRejected outside) {
            return false;
        }
    }

    @Override
    public List<String> list(String directory) {
        try {
            // the worktree lists paths from the root; generators want the names in the folder
            return checkout.list(directory).stream().map(path -> path.substring(path.lastIndexOf('/') + 1)).toList();
        } catch (dev.nex7.deployment.patch.PatchRejected outside) {
            return List.of();
        }
    }
}
