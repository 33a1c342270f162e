package dev.nex7.integration;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.nex7.integration.github.GitHubLinks;
import dev.nex7.integration.github.GitHubLinks.GitHubUnavailable;
import dev.nex7.project.ProjectId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proposes a change to a project's linked GitHub repository as a pull request, entirely through
 * GitHub's REST API (git data API for the commit, then the pulls API) and the SSRF-guarded client:
 * no git transport, no clone, and the token never leaves the request headers.
 */
@Service
public class GitHubPullRequests {

    /** An opened pull request. */
    public record PullRequest(int number, String url, String branch, String commitSha) {
    }

    private final GitHubLinks links;
    private final OutboundHttp http;
    private final JsonMapper json;

    GitHubPullRequests(GitHubLinks links, OutboundHttp http, JsonMapper json) {
        this.links = links;
        this.http = http;
        this.json = json;
    }

    /** Whether the project has a linked repository to propose changes to. */
    public boolean linked(ProjectId project) {
        return links.find(project).isPresent();
    }

    /**
     * Commits {@code files} (path → new text; null deletes the file) on top of {@code parentSha} as a
     * new branch {@code branch}, and opens a pull request from it into {@code base}.
     *
     * @throws GitHubUnavailable when GitHub refuses any step or cannot be reached (the message says which)
     */
    public PullRequest open(ProjectId project, String base, String parentSha, String branch, Map<String, String> files,
            String commitMessage, String title, String body) {
        String tree = call(project, "GET", "/git/commits/" + parentSha, null, 200).path("tree").path("sha").asString();
        List<Map<String, Object>> entries = new ArrayList<>();
        files.forEach((path, text) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", path);
            entry.put("mode", "100644");
            entry.put("type", "blob");
            if (text == null) {
                entry.put("sha", null);
            } else {
                entry.put("content", text);
            }
            entries.add(entry);
        });
        String newTree = call(project, "POST", "/git/trees", Map.of("base_tree", tree, "tree", entries), 201).path("sha").asString();
        String commit = call(project, "POST", "/git/commits", Map.of("message", commitMessage, "tree", newTree, "parents", List.of(parentSha)),
                201).path("sha").asString();
        call(project, "POST", "/git/refs", Map.of("ref", "refs/heads/" + branch, "sha", commit), 201);
        JsonNode pull = call(project, "POST", "/pulls", Map.of("title", title, "head", branch, "base", base, "body", body,
                "maintainer_can_modify", true), 201);
        return new PullRequest(pull.path("number").asInt(), pull.path("html_url").asString(), branch, commit);
    }

    /**
     * The text of a file of the linked repository at {@code ref} (null: the default branch), when it
     * exists and is a file. The caller checks the path is relative and stays in the repository.
     */
    public Optional<String> file(ProjectId project, String path, String ref) {
        String encoded = java.util.Arrays.stream(path.split("/")).map(segment -> java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8)
                .replace("+", "%20")).collect(java.util.stream.Collectors.joining("/"));
        OutboundResponse response = send(project, "GET", "/contents/" + encoded
                + (ref == null ? "" : "?ref=" + java.net.URLEncoder.encode(ref, StandardCharsets.UTF_8)), null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        JsonNode body = check(response, 200, "read " + path);
        if (!"file".equals(body.path("type").asString(""))) {
            return Optional.empty(); // a folder, a symlink or a submodule
        }
        String content = body.path("content").asString("").replace("\n", "");
        return Optional.of(new String(java.util.Base64.getDecoder().decode(content), StandardCharsets.UTF_8));
    }

    private JsonNode call(ProjectId project, String method, String path, Object body, int expected) {
        return check(send(project, method, path, body), expected, method + " " + path);
    }

    private OutboundResponse send(ProjectId project, String method, String path, Object body) {
        OutboundRequest.Builder request = links.api(project, method, path);
        if (body != null) {
            request.body("application/json", json.writeValueAsString(body));
        }
        try {
            return http.send(request.build());
        } catch (OutboundHttpException failed) {
            throw new GitHubUnavailable("GitHub could not be reached: " + failed.getMessage());
        }
    }

    private JsonNode check(OutboundResponse response, int expected, String step) {
        if (response.status() != expected) {
            String message = "";
            try {
                message = json.readTree(response.body()).path("message").asString("");
            } catch (JacksonException notJson) {
                // GitHub's errors are JSON; anything else is said by the status alone
            }
            throw new GitHubUnavailable("GitHub refused to " + step + " (HTTP " + response.status() + (message.isEmpty() ? "" : ": " + message)
                    + ").");
        }
        return json.readTree(response.body());
    }
}
