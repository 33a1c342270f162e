package dev.nex7.deployment.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.springframework.stereotype.Component;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentSettings;
import dev.nex7.deployment.local.ProjectBuild;
import dev.nex7.deployment.patch.CommitAuthor;
import dev.nex7.deployment.patch.PatchRejected;
import dev.nex7.deployment.patch.Worktree;
import dev.nex7.deployment.patch.Worktrees;
import dev.nex7.integration.GitHubArchives;
import dev.nex7.integration.GitHubPullRequests;
import dev.nex7.integration.VercelApi;
import dev.nex7.integration.VercelApi.ProjectSettings;
import dev.nex7.project.ProjectId;

/**
 * Recovery of a Vercel deployment, whose source is not on this machine: the failed commit is
 * downloaded from the project's linked GitHub repository as GitHub archives it, unpacked strictly
 * ({@link SourceArchive}) and committed to a repository of its own in the recovery's workspace, so
 * checkouts, diffs and proofs work as for the local target. A fix is proven with the commands Vercel
 * runs for the project (its settings, or Vercel's defaults where they are empty) in the project's
 * root directory, and always becomes a pull request into the branch that failed: there is no branch
 * here to commit to. Variables a fix sets are created on the Vercel project (encrypted, for the failed
 * deployment's environment); a fix that only sets variables has Vercel build the failed deployment again.
 */
@Component
class VercelRecoveryTarget implements RecoveryTarget {

    private static final CommitAuthor IMPORT = new CommitAuthor("NEX7", "nex7@nex7.dev");

    private final VercelApi vercel;
    private final GitHubPullRequests pullRequests;
    private final GitHubArchives archives;
    private final FixPullRequests fixPullRequests;
    private final ProjectBuild build;
    private final Worktrees worktrees;
    private final SourceArchive.Limits limits;
    private final MergedFixes merged;

    VercelRecoveryTarget(VercelApi vercel, GitHubPullRequests pullRequests, GitHubArchives archives, FixPullRequests fixPullRequests,
            ProjectBuild build, Worktrees worktrees, DeploymentSettings settings, MergedFixes merged) {
        this.merged = merged;
        this.vercel = vercel;
        this.pullRequests = pullRequests;
        this.archives = archives;
        this.fixPullRequests = fixPullRequests;
        this.build = build;
        this.worktrees = worktrees;
        this.limits = new SourceArchive.Limits(settings.recovery().maxSourceSize().toBytes(), settings.recovery().maxSourceEntries());
    }

    @Override
    public String target() {
        return Deployment.VERCEL;
    }

    @Override
    public boolean linked(ProjectId project) {
        return vercel.linked(project);
    }

    @Override
    public FailedCommit open(Deployment failed, Path workspace) {
        if (!pullRequests.linked(failed.projectId())) {
            throw new CannotRecover("The project links no GitHub repository: NEX7 reads a Vercel deployment's source from GitHub and "
                    + "proposes its fixes there as pull requests. Link the repository to have Vercel failures recovered.");
        }
        if (failed.branch() == null || failed.branch().isBlank()) {
            throw new CannotRecover("Vercel did not say which branch deployment " + failed.externalId() + " was built from, so a fix "
                    + "has no branch to be proposed into.");
        }
        ProjectSettings settings = vercel.settings(failed.projectId());
        Path source = workspace.resolve("source");
        SourceArchive.Unpacked unpacked;
        try {
            unpacked = archives.tarball(failed.projectId(), failed.commitSha(), archive -> SourceArchive.extract(archive, source, limits));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("The source of " + failed.commitSha() + " could not be unpacked: " + unreadable.getMessage(),
                    unreadable);
        } catch (SourceArchive.ArchiveRefused refused) {
            throw new CannotRecover("GitHub's archive of commit " + failed.commitSha() + " was refused: " + refused.getMessage() + ".");
        }
        String root = rootDirectory(settings, source);
        String imported = importSource(source, failed);
        String parentSha = unpacked.commit() != null && unpacked.commit().startsWith(failed.commitSha()) ? unpacked.commit()
                : failed.commitSha();
        List<String> commands = commands(settings, source.resolve(root));
        String repository = source.toUri().toString();
        return new FailedCommit() {
            @Override
            public Path checkout(Path into) {
                return worktrees.checkout(repository, imported, into);
            }

            @Override
            public Path project(Path checkout) {
                return root.isEmpty() ? checkout : checkout.resolve(root);
            }

            @Override
            public ProjectBuild.Result build(Path project, Map<String, String> variables) {
                ProjectBuild.Result result = build.run(project, commands, variables);
                return settings.nodeVersion() == null ? result : new ProjectBuild.Result(result.succeeded(), "# Vercel builds this project "
                        + "with Node " + settings.nodeVersion() + "; this proof used the Node the build sandbox has.\n" + result.log(),
                        result.buildTime(), result.message());
            }

            @Override
            public void deliver(FixProposal fix, UUID attempt, Recovery.Proof proof) {
                String environment = "production".equals(failed.environment()) ? "production" : "preview";
                proof.variables().forEach((name, value) -> vercel.createEnvironmentVariable(failed.projectId(), name, value,
                        List.of(environment)));
                if (proof.files().isEmpty() && !proof.variables().isEmpty()) {
                    redeploy(failed, settings.name(), fix, attempt);
                } else {
                    fixPullRequests.open(failed, failed.branch(), parentSha, fix, attempt, proof);
                }
            }
        };
    }

    /**
     * After a fix that only set variables on the Vercel project: Vercel builds the failed deployment
     * again, now with them. Nothing is committed, so the fix is merged as it is delivered.
     */
    private void redeploy(Deployment failed, String name, FixProposal fix, UUID attempt) {
        vercel.redeploy(failed.projectId(), failed.externalId(), name, failed.environment());
        merged.record(failed, fix, attempt, failed.branch(), failed.commitSha(), () -> null); // Vercel's deployment is mirrored when it reports
    }

    /** Makes the unpacked source a repository with one commit, for checkouts to clone; that commit's id. */
    private String importSource(Path source, Deployment failed) {
        try {
            // JGit runs no hook here; Worktrees then commits what a checkout would see (not ignored files, not node_modules)
            Git.init().setInitialBranch("main").setDirectory(source.toFile()).call().close();
        } catch (GitAPIException refused) {
            throw new IllegalStateException("Could not make a repository of the source: " + refused.getMessage(), refused);
        }
        return worktrees.commit(source, "The source of " + failed.commitSha() + " as GitHub archived it", IMPORT)
                .orElseThrow(() -> new CannotRecover("GitHub's archive of commit " + failed.commitSha() + " holds no files."));
    }

    /**
     * Vercel's root directory, relative and inside the source (no {@code ..}, no {@code .git}, no
     * symbolic link on the way); empty for the repository's root.
     */
    static String rootDirectory(ProjectSettings settings, Path source) {
        String root = settings.rootDirectory();
        if (root == null || root.isBlank() || root.strip().equals(".") || root.strip().equals("./")) {
            return "";
        }
        String normalized;
        try {
            normalized = Worktree.normalize(root.strip());
        } catch (PatchRejected outside) {
            throw new CannotRecover("Vercel's root directory " + root + " is not a folder inside the repository.");
        }
        Path folder = source.resolve(normalized);
        boolean inside;
        try {
            inside = Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && folder.toRealPath().startsWith(source.toRealPath());
        } catch (IOException unreadable) {
            inside = false;
        }
        if (!inside) {
            throw new CannotRecover("Vercel's root directory " + root + " is not a folder of the commit's source.");
        }
        return normalized;
    }

    /**
     * The install and build commands Vercel runs: the project's own, or Vercel's defaults where they are
     * empty (install by the lockfile the project has, build with {@code npm run build}).
     */
    static List<String> commands(ProjectSettings settings, Path project) {
        String install = blank(settings.installCommand()) ? defaultInstall(project) : settings.installCommand();
        String buildCommand = blank(settings.buildCommand()) ? "npm run build" : settings.buildCommand();
        return List.of(install, buildCommand);
    }

    private static String defaultInstall(Path project) {
        if (Files.isRegularFile(project.resolve("package-lock.json"), LinkOption.NOFOLLOW_LINKS)
                || Files.isRegularFile(project.resolve("npm-shrinkwrap.json"), LinkOption.NOFOLLOW_LINKS)) {
            return "npm ci";
        }
        if (Files.isRegularFile(project.resolve("pnpm-lock.yaml"), LinkOption.NOFOLLOW_LINKS)) {
            return "pnpm install";
        }
        if (Files.isRegularFile(project.resolve("yarn.lock"), LinkOption.NOFOLLOW_LINKS)) {
            return "yarn install";
        }
        return "npm install";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
