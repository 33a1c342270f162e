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
            return checkout.read(path);
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
        return checkout.exists(path);
    }

    @Override
    public boolean isDirectory(String path) {
        return checkout.isDirectory(path);
    }

    @Override
    public List<String> list(String directory) {
        return checkout.list(directory);
    }
}
