package dev.nex7.deployment;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.nex7.deployment.local.LocalTargets;
import dev.nex7.identity.UserId;
import dev.nex7.integration.GitHubPullRequests;
import dev.nex7.platform.ApiProblem;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;

/**
 * Reads a file of a project's repository for a member, read-only and confined to the repository:
 * from the linked GitHub repository (through its API, at a ref or the default branch), else from the
 * local deployment target's branch (from git, committed files only). Paths are relative, without
 * {@code ..} or {@code .git}.
 */
@Service
public class RepositoryFiles {

    /** The project links no repository to read from. */
    public static final class NoRepository extends ApiProblem {
        NoRepository() {
            super(HttpStatus.NOT_FOUND, "no-repository", "No repository linked",
                    "The project links no GitHub repository and no local deployment target.");
        }
    }

    private final ProjectAccess access;
    private final GitHubPullRequests github;
    private final LocalTargets local;

    RepositoryFiles(ProjectAccess access, GitHubPullRequests github, LocalTargets local) {
        this.access = access;
        this.github = github;
        this.local = local;
    }

    /** The file's text; empty when there is no such file. */
    public Optional<String> read(ProjectId project, UserId user, String path, String ref) {
        access.require(project, user, ProjectRole.VIEWER);
        String clean = path == null ? "" : path.strip();
        while (clean.startsWith("./")) {
            clean = clean.substring(2);
        }
        if (clean.isEmpty() || clean.startsWith("/") || clean.contains("\\") || clean.indexOf('\0') >= 0 || clean.length() > 1_000
                || Arrays.stream(clean.split("/")).anyMatch(segment -> segment.isEmpty() || segment.equals("..")
                        || segment.equalsIgnoreCase(".git"))) {
            throw new InvalidRequest("path", "must be relative to the repository root, without '..' or .git");
        }
        if (github.linked(project)) {
            return github.file(project, clean, ref == null || ref.isBlank() ? null : ref.strip());
        }
        if (local.find(project).isPresent()) {
            return local.readFile(project, clean);
        }
        throw new NoRepository();
    }
}
