package dev.nex7.deployment.patch;

import java.io.File;
import java.io.OutputStream;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.ProcessResult;

/**
 * JGit's file system access, minus running programs. A checkout is where a project's own build
 * ran: it may have planted hooks ({@code pre-commit}, {@code post-commit}, {@code pre-push}) or
 * configured filter drivers and upload-pack commands, and JGit would run them when NEX7 commits or
 * pushes. With this, JGit finds no hooks and starts no shell.
 */
final class NoHooks extends FS_POSIX {

    static final FS INSTANCE = new NoHooks();

    private NoHooks() {
    }

    @Override
    public FS newInstance() {
        return new NoHooks();
    }

    @Override
    public File findHook(Repository repository, String hookName) {
        return null;
    }

    @Override
    public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] arguments) {
        return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
    }

    @Override
    public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] arguments,
            OutputStream out, OutputStream err, String stdin) {
        return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
    }

    @Override
    public ProcessBuilder runInShell(String command, String[] arguments) {
        throw new UnsupportedOperationException("NEX7 runs no command a repository names: " + command);
    }
}
