package dev.nex7.integration;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import dev.nex7.integration.github.GitHubLinks;
import dev.nex7.integration.github.GitHubLinks.GitHubUnavailable;
import dev.nex7.project.ProjectId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A commit of a project's linked GitHub repository as GitHub archives it:
 * {@code GET /repos/{owner}/{repo}/tarball/{sha}}, which GitHub answers with a redirect to its
 * download host. The redirect is followed by the SSRF-guarded client, which checks every hop and
 * drops the token when the download host is another origin (GitHub signs that URL itself). The
 * body is read as it arrives, never held whole, up to {@code nex7.integration.max-response-size}.
 *
 * @see <a href="https://docs.github.com/en/rest/repos/contents#download-a-repository-archive-tar">Download a repository archive (tar)</a>
 */
@Service
public class GitHubArchives {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,40}");
    private static final int MAX_ERROR_TEXT = 2_000;

    /** Reads an archive's body (a gzipped tar) as it arrives. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(InputStream archive) throws IOException;
    }

    private final GitHubLinks links;
    private final OutboundHttp http;
    private final JsonMapper json;

    GitHubArchives(GitHubLinks links, OutboundHttp http, JsonMapper json) {
        this.links = links;
        this.http = http;
        this.json = json;
    }

    /**
     * Downloads the gzipped tar of {@code commitSha} and hands its body to {@code reader}.
     *
     * @throws GitHubUnavailable when the project links no repository, GitHub refuses, cannot be reached or the download breaks off
     * @throws IllegalArgumentException when {@code commitSha} is not a commit id
     */
    public <T> T tarball(ProjectId project, String commitSha, Reader<T> reader) throws IOException {
        if (commitSha == null || !COMMIT.matcher(commitSha).matches()) {
            throw new IllegalArgumentException("Not a commit id: " + commitSha);
        }
        // the API's 4 MiB cap suits JSON; an archive gets the server's cap for any response
        OutboundRequest request = links.api(project, "GET", "/tarball/" + commitSha).maxResponseBytes(0).build();
        try (OutboundStream response = http.open(request)) {
            if (response.status() != 200) {
                throw new GitHubUnavailable("GitHub refused to send the archive of " + commitSha + " (HTTP " + response.status() + ")"
                        + message(response) + ".");
            }
            return reader.read(response.body());
        } catch (OutboundHttpException failed) {
            throw new GitHubUnavailable("The archive of " + commitSha + " could not be downloaded from GitHub: " + failed.getMessage());
        }
    }

    /** GitHub's own words about a refusal (its JSON {@code message}), when it sent any. */
    private String message(OutboundStream response) {
        try {
            String message = json.readTree(response.text(MAX_ERROR_TEXT)).path("message").asString("");
            return message.isBlank() ? "" : ": " + (message.length() > 200 ? message.substring(0, 200) + "…" : message);
        } catch (IOException | JacksonException unreadable) {
            return "";
        }
    }
}
