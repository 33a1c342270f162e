package dev.nex7.deployment.patch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.springframework.stereotype.Component;

/**
 * Checkouts of a project's repository, made and changed with JGit (no {@code git} binary needed):
 * a fresh clone at a commit for each deployment or fix attempt, the diff of its working tree, a
 * commit of a proven fix, and a push of it.
 *
 * <p>A checkout is also where the project's build ran, so it is not trusted: JGit runs no hook and
 * no configured command in it ({@link NoHooks}); commits are not signed (a signing program from the
 * server's git configuration would run); pushes name their remote and branch explicitly. What a
 * diff or commit takes is the working tree against {@code HEAD}, tracked and new files alike, but
 * never ignored files and never anything in a {@code node_modules} folder, ignored or not.
 */
@Component
public class Worktrees {

    private static final String DEPENDENCIES = "node_modules";

    private final Clock clock;

    public Worktrees(Clock clock) {
        this.clock = clock;
    }

    /**
     * Clones {@code repository} into {@code into} (which must not exist or be empty) and checks
     * out {@code commit} (a commit id, a short one, or a branch or tag name), with a detached HEAD.
     *
     * @param repository a local repository (bare or not) as a path, or a {@code file://},
     *        {@code https://} or {@code ssh://} URL
     * @return the checkout's root
     * @throws CommitNotFound when the repository has no such commit
     * @throws GitFailed when the repository cannot be cloned
     */
    public Path checkout(String repository, String commit, Path into) {
        if (commit == null || commit.isBlank() || commit.startsWith("-")) {
            throw new IllegalArgumentException("Not a commit: " + commit);
        }
        try (Git git = Git.cloneRepository().setURI(repository).setDirectory(into.toFile()).setNoCheckout(true)
                .setCloneAllBranches(true).setFs(NoHooks.INSTANCE).call()) {
            ObjectId id = resolve(git.getRepository(), commit)
                    .orElseThrow(() -> new CommitNotFound(repository, commit));
            // HEAD detached at the commit, then index and files written once, as reset --hard does
            // (a checkout would take the clone's index, which has no files yet, for deletions in the way).
            RefUpdate head = git.getRepository().updateRef(Constants.HEAD, true);
            head.setNewObjectId(id);
            head.forceUpdate();
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(id.name()).call();
            return into.toRealPath();
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (e instanceof CommitNotFound notFound) {
                throw notFound;
            }
            throw new GitFailed("Could not check out " + commit + " of " + repository + ": " + e.getMessage(), e);
        }
    }

    /** {@link #checkout(String, String, Path)} of a local repository. */
    public Path checkout(Path repository, String commit, Path into) {
        return checkout(repository.toAbsolutePath().toString(), commit, into);
    }

    /** {@link #checkout(String, String, Path)} of a repository URL. */
    public Path checkout(URI repository, String commit, Path into) {
        return checkout(repository.toString(), commit, into);
    }

    /** The commit the checkout's {@code HEAD} is at. */
    public String head(Path checkout) {
        try (Git git = open(checkout)) {
            ObjectId head = git.getRepository().resolve(Constants.HEAD);
            if (head == null) {
                throw new GitFailed("The checkout " + checkout + " has no commit");
            }
            return head.name();
        } catch (IOException e) {
            throw new GitFailed("Could not read the HEAD of " + checkout + ": " + e.getMessage(), e);
        }
    }

    /**
     * The unified diff ({@code git diff} format, with {@code a/}/{@code b/} prefixes) of the
     * working tree against {@code HEAD}, new files included; empty when nothing changed.
     */
    public String diff(Path checkout) {
        try (Git git = open(checkout); ByteArrayOutputStream out = new ByteArrayOutputStream();
                DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setRepository(git.getRepository());
            formatter.setPathFilter(WITHOUT_DEPENDENCIES);
            formatter.format(changes(git.getRepository(), formatter));
            formatter.flush();
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GitFailed("Could not diff " + checkout + ": " + e.getMessage(), e);
        }
    }

    /**
     * The files the working tree changed against {@code HEAD}, with their new text ({@code null}:
     * deleted): what a pull request of the change carries.
     */
    public java.util.Map<String, String> changedFiles(Path checkout) {
        try (Git git = open(checkout); DiffFormatter formatter = new DiffFormatter(java.io.OutputStream.nullOutputStream())) {
            formatter.setRepository(git.getRepository());
            formatter.setPathFilter(WITHOUT_DEPENDENCIES);
            Worktree files = new Worktree(checkout);
            java.util.Map<String, String> changed = new java.util.LinkedHashMap<>();
            for (DiffEntry change : changes(git.getRepository(), formatter)) {
                if (change.getChangeType() == DiffEntry.ChangeType.DELETE || change.getChangeType() == DiffEntry.ChangeType.RENAME) {
                    changed.put(change.getOldPath(), null);
                }
                if (change.getChangeType() != DiffEntry.ChangeType.DELETE) {
                    changed.put(change.getNewPath(), files.read(change.getNewPath()));
                }
            }
            return changed;
        } catch (IOException e) {
            throw new GitFailed("Could not list the changes of " + checkout + ": " + e.getMessage(), e);
        }
    }

    /**
     * Commits every change of the working tree against {@code HEAD} (changed, new and deleted
     * files; not ignored ones, not {@code node_modules}).
     *
     * @return the new commit's id, or empty when nothing changed
     */
    public Optional<String> commit(Path checkout, String message, CommitAuthor author) {
        try (Git git = open(checkout); DiffFormatter formatter = new DiffFormatter(java.io.OutputStream.nullOutputStream())) {
            formatter.setRepository(git.getRepository());
            formatter.setPathFilter(WITHOUT_DEPENDENCIES);
            List<DiffEntry> changes = changes(git.getRepository(), formatter);
            if (changes.isEmpty()) {
                return Optional.empty();
            }
            for (DiffEntry change : changes) {
                if (change.getChangeType() == DiffEntry.ChangeType.DELETE) {
                    git.rm().setCached(true).addFilepattern(change.getOldPath()).call();
                } else {
                    git.add().addFilepattern(change.getNewPath()).call();
                }
            }
            PersonIdent ident = new PersonIdent(author.name(), author.email(), clock.instant(), ZoneOffset.UTC);
            return Optional.of(git.commit().setMessage(message).setAuthor(ident).setCommitter(ident).setNoVerify(true)
                    .setSign(false).call().name());
        } catch (GitAPIException | IOException e) {
            throw new GitFailed("Could not commit in " + checkout + ": " + e.getMessage(), e);
        }
    }

    /**
     * Pushes the checkout's {@code HEAD} to {@code branch} of {@code remote} (a local repository
     * path or a URL), as a fast-forward only.
     *
     * @throws GitFailed when the remote refuses (not a fast-forward, a protected branch) or cannot be reached
     */
    public void push(Path checkout, String remote, String branch) {
        String ref = Constants.R_HEADS + branch;
        if (!Repository.isValidRefName(ref)) {
            throw new IllegalArgumentException("Not a branch name: " + branch);
        }
        try (Git git = open(checkout)) {
            for (PushResult result : git.push().setRemote(remote).setRefSpecs(new RefSpec("HEAD:" + ref)).call()) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    if (update.getStatus() != RemoteRefUpdate.Status.OK && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        throw new GitFailed("The push of " + branch + " to " + remote + " was refused: " + update.getStatus()
                                + (update.getMessage() != null ? " (" + update.getMessage() + ")" : ""));
                    }
                }
            }
        } catch (GitAPIException e) {
            throw new GitFailed("Could not push " + branch + " to " + remote + ": " + e.getMessage(), e);
        }
    }

    private static Git open(Path checkout) {
        if (!Files.isDirectory(checkout.resolve(Constants.DOT_GIT))) {
            throw new GitFailed("Not a checkout: " + checkout);
        }
        try {
            return Git.open(checkout.toFile(), NoHooks.INSTANCE);
        } catch (IOException e) {
            throw new GitFailed("Could not open the checkout " + checkout + ": " + e.getMessage(), e);
        }
    }

    /** What the working tree changed against HEAD (ignored files left out by the formatter, node_modules by its filter). */
    private static List<DiffEntry> changes(Repository repository, DiffFormatter formatter) throws IOException {
        ObjectId head = repository.resolve(Constants.HEAD + "^{tree}");
        CanonicalTreeParser tree = new CanonicalTreeParser();
        try (ObjectReader reader = repository.newObjectReader()) {
            if (head != null) {
                tree.reset(reader, head);
            }
            return formatter.scan(tree, new FileTreeIterator(repository));
        }
    }

    /** The id {@code name} names: a commit id, a branch of the origin, a tag. */
    private static Optional<ObjectId> resolve(Repository repository, String name) throws IOException {
        for (String candidate : List.of(name, Constants.R_REMOTES + Constants.DEFAULT_REMOTE_NAME + "/" + name,
                Constants.R_TAGS + name)) {
            try {
                ObjectId id = repository.resolve(candidate + "^{commit}");
                if (id != null) {
                    return Optional.of(id);
                }
            } catch (RevisionSyntaxException | AmbiguousObjectException | MissingObjectException
                    | IncorrectObjectTypeException e) {
                // Not this form of name, or an id of no commit here; try the next.
            }
        }
        return Optional.empty();
    }

    /** Leaves out every {@code node_modules} folder: installed dependencies are never part of a fix. */
    private static final TreeFilter WITHOUT_DEPENDENCIES = new TreeFilter() {
        @Override
        public boolean include(TreeWalk walker) {
            return !(walker.isSubtree() && walker.getNameString().equals(DEPENDENCIES));
        }

        @Override
        public boolean shouldBeRecursive() {
            return false;
        }

        @Override
        public TreeFilter clone() {
            return this;
        }
    };
}
