package dev.nex7.deployment.patch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.Patch;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.springframework.stereotype.Component;

/**
 * Checkouts of projects' repositories, with JGit: a fresh clone at a commit for each build and
 * each fix (so fixes never see each other's changes), the unified diff of what a fix changed, a
 * commit of it, and a push to the repository's branch (fast-forward only). Patches from a model are
 * checked before they are applied (see {@link #apply}).
 */
@Component
public class Worktrees {

    private static final PersonIdent NEX7 = new PersonIdent("NEX7", "nex7@nex7.dev");
    private static final String WORK_BRANCH = "nex7-work";

    /** A fresh clone of the repository at {@code uri} in {@code into}, on a branch of its own at {@code commit}. */
    public Worktree checkout(String uri, String commit, Path into) {
        try (Git git = Git.cloneRepository().setURI(uri).setDirectory(into.toFile()).setNoCheckout(true).call()) {
            ObjectId id = git.getRepository().resolve(commit + "^{commit}");
            if (id == null) {
                throw new IllegalArgumentException("The repository has no commit " + commit);
            }
            // a branch of our own at the commit, made HEAD, then a hard reset writes its files into the empty
            // index and tree (a checkout would compare with the default branch's files, which were never written)
            git.branchCreate().setName(WORK_BRANCH).setStartPoint(id.name()).call();
            RefUpdate head = git.getRepository().getRefDatabase().newUpdate(Constants.HEAD, false);
            head.link(Constants.R_HEADS + WORK_BRANCH);
            git.reset().setMode(ResetCommand.ResetType.HARD).call();
            return new Worktree(into);
        } catch (GitAPIException | IOException failure) {
            throw new IllegalStateException("Could not check out " + commit + ": " + failure.getMessage(), failure);
        }
    }

    /**
     * Applies a unified diff (git or traditional format) to the checkout after checking every file it
     * names: inside the checkout, outside {@code .git}, not a symlink or submodule, text only, and (when
     * {@code allowedFiles} is not null) one of those files.
     */
    public void apply(Worktree checkout, String diff, Set<String> allowedFiles) {
        byte[] bytes = diff.getBytes(StandardCharsets.UTF_8);
        Patch patch = new Patch();
        try {
            patch.parse(new ByteArrayInputStream(bytes));
        } catch (IOException unreadable) {
            throw new PatchRejected("malformed", "The patch cannot be read: " + unreadable.getMessage());
        }
        if (!patch.getErrors().isEmpty() || patch.getFiles().isEmpty()) {
            throw new PatchRejected("malformed", patch.getFiles().isEmpty() ? "The patch changes no file."
                    : "The patch is malformed: " + patch.getErrors().get(0).getMessage());
        }
        for (FileHeader file : patch.getFiles()) {
            if (file.getPatchType() != FileHeader.PatchType.UNIFIED) {
                throw new PatchRejected("binary", "The patch changes a binary file.");
            }
            for (FileMode mode : new FileMode[] {file.getOldMode(), file.getNewMode()}) {
                if (FileMode.SYMLINK.equals(mode)) {
                    throw new PatchRejected("symlink", "The patch makes or changes a symlink.");
                }
                if (FileMode.GITLINK.equals(mode)) {
                    throw new PatchRejected("git-dir", "The patch changes a submodule.");
                }
            }
            for (String path : new String[] {file.getOldPath(), file.getNewPath()}) {
                if (path == null || path.equals(DiffEntry.DEV_NULL)) {
                    continue;
                }
                checkout.resolve(path);
                if (allowedFiles != null && !allowedFiles.contains(path)) {
                    throw new PatchRejected("not-allowed-file", "The patch changes " + path + ", which no finding names.");
                }
            }
        }
        try (Git git = Git.open(checkout.root().toFile())) {
            git.apply().setPatch(new ByteArrayInputStream(bytes)).call();
        } catch (GitAPIException | IOException | RuntimeException failure) {
            throw new PatchRejected("hunk-mismatch", "The patch does not fit the files: " + failure.getMessage());
        }
    }

    /** What the checkout changed against its commit, as a git unified diff (new files included, ignored files not). */
    public String diff(Worktree checkout) {
        try (Git git = Git.open(checkout.root().toFile()); ByteArrayOutputStream out = new ByteArrayOutputStream();
                DiffFormatter formatter = new DiffFormatter(out)) {
            List<DiffEntry> entries = stagedChanges(git, formatter);
            formatter.format(entries);
            formatter.flush();
            return out.toString(StandardCharsets.UTF_8);
        } catch (GitAPIException | IOException failure) {
            throw new IllegalStateException("Could not diff the checkout: " + failure.getMessage(), failure);
        }
    }

    /** The files the checkout changed, with their new text (null: deleted). */
    public Map<String, String> changedFiles(Worktree checkout) {
        try (Git git = Git.open(checkout.root().toFile()); DiffFormatter formatter = new DiffFormatter(java.io.OutputStream.nullOutputStream())) {
            Map<String, String> files = new LinkedHashMap<>();
            for (DiffEntry entry : stagedChanges(git, formatter)) {
                if (entry.getChangeType() == DiffEntry.ChangeType.DELETE) {
                    files.put(entry.getOldPath(), null);
                } else {
                    if (entry.getChangeType() == DiffEntry.ChangeType.RENAME) {
                        files.put(entry.getOldPath(), null);
                    }
                    files.put(entry.getNewPath(), checkout.read(entry.getNewPath()).orElse(""));
                }
            }
            return files;
        } catch (GitAPIException | IOException failure) {
            throw new IllegalStateException("Could not list the checkout's changes: " + failure.getMessage(), failure);
        }
    }

    /** Commits every change of the checkout (ignored files aside); the new commit's id. */
    public String commit(Worktree checkout, String message) {
        try (Git git = Git.open(checkout.root().toFile())) {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            RevCommit commit = git.commit().setMessage(message).setAuthor(NEX7).setCommitter(NEX7).setSign(false).call();
            return commit.getName();
        } catch (GitAPIException | IOException failure) {
            throw new IllegalStateException("Could not commit the fix: " + failure.getMessage(), failure);
        }
    }

    /**
     * Pushes the checkout's commit to {@code branch} of the repository at {@code uri}, fast-forward only:
     * when the branch moved on since the failed commit, the push is refused and nothing changes.
     */
    public void push(Worktree checkout, String uri, String branch) {
        try (Git git = Git.open(checkout.root().toFile())) {
            Iterable<PushResult> results = git.push().setRemote(uri).setRefSpecs(
                    new org.eclipse.jgit.transport.RefSpec("refs/heads/" + WORK_BRANCH + ":refs/heads/" + branch)).setForce(false).call();
            for (PushResult result : results) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    if (update.getStatus() != RemoteRefUpdate.Status.OK && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        throw new IllegalStateException("The repository refused the fix on " + branch + " (" + update.getStatus()
                                + (update.getMessage() == null ? "" : ": " + update.getMessage()) + ")");
                    }
                }
            }
        } catch (GitAPIException | IOException failure) {
            throw new IllegalStateException("Could not push the fix: " + failure.getMessage(), failure);
        }
    }

    /** Stages everything (respecting .gitignore) and compares the index with HEAD. */
    private static List<DiffEntry> stagedChanges(Git git, DiffFormatter formatter) throws GitAPIException, IOException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        Repository repository = git.getRepository();
        formatter.setRepository(repository);
        try (RevWalk walk = new RevWalk(repository); var reader = repository.newObjectReader()) {
            CanonicalTreeParser head = new CanonicalTreeParser();
            head.reset(reader, walk.parseCommit(repository.resolve("HEAD")).getTree());
            return formatter.scan(head, new DirCacheIterator(repository.readDirCache()));
        }
    }
}
