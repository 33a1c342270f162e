package dev.nex7.integration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.nex7.credential.CredentialUnavailable;
import dev.nex7.integration.vercel.VercelLinks;
import dev.nex7.integration.vercel.VercelLinks.Link;
import dev.nex7.platform.ApiProblem;
import dev.nex7.project.ProjectId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vercel's REST API for a project's linked Vercel project, through the SSRF-guarded client with the
 * project's token (sent as a bearer token, never logged, stored or returned): the project's
 * deployments page by page, a deployment's build log and events, Instant Rollback, the project's
 * settings, its environment variables (their names and environments; a new one is created
 * encrypted) and a redeploy. The answers keep only the fields NEX7 uses, never a variable's value.
 * A refusal or an unreachable Vercel is a {@link VercelUnavailable} that says whether asking again
 * may help and, when Vercel rate-limited the call, after how long.
 *
 * @see <a href="https://vercel.com/docs/rest-api/deployments">Vercel REST API: deployments</a>
 */
@Service
public class VercelApi {

    /** Vercel's deployment ids ({@code dpl_…}); checked before one becomes part of a path. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);
    private static final String PAGE_SIZE = "20";
    private static final int MAX_ERROR_MESSAGE = 200;
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,255}");
    private static final List<String> TARGETS = List.of("production", "preview", "development");

    /**
     * A project whose Vercel link has a token, so NEX7 can ask Vercel about it.
     *
     * @param linkedAt when the link was made: what Vercel did before is history NEX7 did not watch
     */
    public record LinkedProject(ProjectId projectId, String vercelProjectId, Instant linkedAt) {
    }

    /**
     * One deployment as Vercel lists it.
     *
     * @param uid Vercel's id ({@code dpl_…})
     * @param url its host name without a scheme ({@code shop-7x2k.vercel.app}); null while it uploads
     * @param state Vercel's {@code readyState}: QUEUED, INITIALIZING, BUILDING, READY, ERROR or CANCELED
     * @param target {@code production}, or null for a preview deployment
     * @param readyAt when it became ready, null until then
     * @param commitSha the Git commit deployed ({@code meta.githubCommitSha}, or its GitLab or Bitbucket twin), when Vercel names one
     */
    public record VercelDeployment(String uid, String url, String state, String target, Instant createdAt, Instant buildingAt,
            Instant readyAt, String commitSha, String commitMessage, String commitRef) {
    }

    /**
     * A page of the project's deployments (newest first), or word that they did not change since
     * the list with {@code etag}.
     *
     * @param etag the list's ETag to send with the next request, null when Vercel sent none
     * @param next where the next (older) page starts ({@code pagination.next}, pass it as {@code until}); null on the last page
     */
    public record DeploymentList(boolean notModified, List<VercelDeployment> deployments, String etag, Long next) {
    }

    /**
     * One event of a deployment's build.
     *
     * @param created when Vercel recorded it, in epoch milliseconds (0 when it did not say)
     * @param text the line it logged; null for an event without one (a delimiter)
     */
    public record BuildEvent(long created, String text) {
    }

    /**
     * How Vercel builds a project: its settings as {@code GET /v9/projects/{idOrName}} returns them.
     * A null command means Vercel's default for the framework; a null root directory means the
     * repository's root.
     *
     * @param name the project's name (what a redeploy names)
     * @param framework Vercel's framework preset ({@code nextjs}, {@code vite}, …), null for "Other"
     * @param nodeVersion the Node.js major Vercel builds with ({@code 20.x})
     */
    public record ProjectSettings(String name, String installCommand, String buildCommand, String rootDirectory, String framework,
            String nodeVersion) {
    }

    /**
     * One environment variable of the Vercel project as the list shows it: never its value.
     *
     * @param id Vercel's id of the variable
     * @param key its name
     * @param type {@code encrypted}, {@code sensitive}, {@code plain}, {@code system} or {@code secret}
     * @param targets the environments it is set for: {@code production}, {@code preview}, {@code development}
     */
    public record VercelVariable(String id, String key, String type, List<String> targets) {
    }

    /** Vercel refused a request or could not be reached; the detail says which, never with the token. */
    public static final class VercelUnavailable extends ApiProblem {

        private final boolean retryable;
        private final Duration retryAfter;

        public VercelUnavailable(String detail, boolean retryable, Duration retryAfter) {
            super(HttpStatus.BAD_GATEWAY, "vercel-unavailable", "Vercel did not do what NEX7 asked", detail);
            this.retryable = retryable;
            this.retryAfter = retryAfter;
        }

        /** Whether the same request may succeed later (Vercel was unreachable, overloaded or rate-limited). */
        public boolean retryable() {
            return retryable;
        }

        /** How long Vercel asked NEX7 to wait ({@code Retry-After} or {@code X-RateLimit-Reset}), when it did. */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    private final VercelLinks links;
    private final OutboundHttp http;
    private final JsonMapper json;
    private final Clock clock;

    VercelApi(VercelLinks links, OutboundHttp http, JsonMapper json, Clock clock) {
        this.links = links;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    /** Every project whose Vercel link has a token, oldest link first. */
    public List<LinkedProject> linkedProjects() {
        return links.withToken().stream().map(link -> new LinkedProject(link.projectId(), link.vercelProjectId(), link.createdAt())).toList();
    }

    /**
     * A page of the project's deployments, newest first: {@code GET /v6/deployments?projectId=…&limit=20}
     * (and the team), the newest page, or with {@code until} the page of those created before it
     * (the previous page's {@link DeploymentList#next()}). With the {@code etag} of an earlier list,
     * Vercel answers 304 when nothing changed, and the list says {@link DeploymentList#notModified()}.
     *
     * @see <a href="https://vercel.com/docs/rest-api/deployments/list-deployments">List deployments</a>
     * @throws VercelUnavailable when Vercel refused or could not be reached
     */
    public DeploymentList deployments(ProjectId project, String etag, Long until) {
        Link link = link(project);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("projectId", link.vercelProjectId());
        query.put("limit", PAGE_SIZE);
        if (until != null) {
            query.put("until", Long.toString(until));
        }
        OutboundRequest.Builder request = request(link, "GET", "/v6/deployments", query);
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        OutboundResponse response = send(request, "list the deployments");
        if (response.status() == 304) {
            return new DeploymentList(true, List.of(), etag, null);
        }
        JsonNode body = accepted(response, "list the deployments");
        List<VercelDeployment> deployments = new ArrayList<>();
        for (JsonNode deployment : body.path("deployments")) {
            String uid = text(deployment.path("uid")) != null ? text(deployment.path("uid")) : text(deployment.path("id"));
            if (uid != null && ID.matcher(uid).matches()) {
                deployments.add(deployment(uid, deployment));
            }
        }
        JsonNode next = body.path("pagination").path("next");
        return new DeploymentList(false, List.copyOf(deployments), response.header("etag"),
                next.isNumber() && !deployments.isEmpty() ? next.asLong() : null);
    }

    /**
     * A deployment's build log: the text of every event of {@link #buildEvents}, one line each, in
     * order; of a longer log only the last {@code maxChars} characters (from a line start), where
     * build tools print their errors.
     *
     * @throws VercelUnavailable when Vercel refused or could not be reached
     */
    public String buildLog(ProjectId project, String deploymentId, int maxChars) {
        StringBuilder log = new StringBuilder();
        for (BuildEvent event : buildEvents(project, deploymentId, null)) {
            if (event.text() != null) {
                log.append(event.text()).append('\n');
            }
        }
        return tail(log, maxChars);
    }

    /**
     * A deployment's build events, oldest first:
     * {@code GET /v3/deployments/{id}/events?builds=1&direction=forward&follow=0&limit=-1}, with
     * {@code since} (epoch milliseconds) those from then on, for following a build that is still
     * running.
     *
     * @see <a href="https://vercel.com/docs/rest-api/deployments/get-deployment-events">Get deployment events</a>
     * @throws VercelUnavailable when Vercel refused or could not be reached
     */
    public List<BuildEvent> buildEvents(ProjectId project, String deploymentId, Long since) {
        Link link = link(project);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("builds", "1");
        query.put("direction", "forward");
        query.put("follow", "0");
        query.put("limit", "-1");
        if (since != null) {
            query.put("since", Long.toString(since));
        }
        JsonNode events = accepted(send(request(link, "GET", "/v3/deployments/" + checked(deploymentId) + "/events", query),
                "read the build log"), "read the build log");
        List<BuildEvent> read = new ArrayList<>();
        for (JsonNode event : events) {
            // Vercel has answered with the text and time at the top of each event and inside its payload
            JsonNode payload = event.path("payload");
            String text = text(event.path("text")) != null ? text(event.path("text")) : text(payload.path("text"));
            Long created = firstNumber(event.path("created"), event.path("date"), payload.path("created"), payload.path("date"));
            read.add(new BuildEvent(created == null ? 0 : created, text));
        }
        return read;
    }

    /**
     * Points the project's production domains at an earlier production deployment without
     * rebuilding it: Vercel's Instant Rollback, {@code POST /v1/projects/{projectId}/rollback/{deploymentId}}.
     * Vercel switches the domains asynchronously; an accepted request (200, 201 or 202) returns.
     * Afterwards Vercel stops assigning new production deployments to the domains until one is
     * promoted, as after a rollback made in its dashboard.
     *
     * @see <a href="https://vercel.com/docs/rest-api/projects/point-production-traffic-to-a-previous-production-deployment-by-id">
     *      Point production traffic to a previous production deployment by ID</a>
     * @see <a href="https://vercel.com/docs/instant-rollback">Instant Rollback</a> (which deployments are eligible)
     * @throws VercelUnavailable when Vercel refused (an ineligible deployment, a plan limit) or could not be reached
     */
    public void promote(ProjectId project, String deploymentId) {
        Link link = link(project);
        String path = "/v1/projects/" + link.vercelProjectId() + "/rollback/" + checked(deploymentId);
        OutboundResponse response = send(request(link, "POST", path, Map.of("description", "NEX7 rolled back a failed deployment")),
                "roll back");
        if (response.status() != 200 && response.status() != 201 && response.status() != 202) {
            accepted(response, "roll back to " + deploymentId);
        }
    }

    /** Whether the project links a Vercel project (with a token or not). */
    public boolean linked(ProjectId project) {
        return links.find(project).isPresent();
    }

    /**
     * How the linked Vercel project builds: {@code GET /v9/projects/{idOrName}} (and the team).
     *
     * @see <a href="https://vercel.com/docs/rest-api/projects/find-a-project-by-id-or-name">Find a project by id or name</a>
     * @throws VercelUnavailable when Vercel refused or could not be reached
     */
    public ProjectSettings settings(ProjectId project) {
        Link link = link(project);
        JsonNode body = accepted(send(request(link, "GET", "/v9/projects/" + link.vercelProjectId(), Map.of()),
                "read the project's settings"), "read the project's settings");
        return new ProjectSettings(text(body.path("name")), text(body.path("installCommand")), text(body.path("buildCommand")),
                text(body.path("rootDirectory")), text(body.path("framework")), text(body.path("nodeVersion")));
    }

    /**
     * The Vercel project's environment variables, {@code GET /v10/projects/{idOrName}/env}: names,
     * types and environments. Values are not asked for ({@code decrypt} is not sent) and not kept.
     *
     * @see <a href="https://vercel.com/docs/rest-api/projects/retrieve-the-environment-variables-of-a-project-by-id-or-name">
     *      Retrieve the environment variables of a project</a>
     * @throws VercelUnavailable when Vercel refused or could not be reached
     */
    public List<VercelVariable> environmentVariables(ProjectId project) {
        Link link = link(project);
        String step = "list the environment variables";
        JsonNode body = accepted(send(request(link, "GET", "/v10/projects/" + link.vercelProjectId() + "/env", Map.of()), step), step);
        List<VercelVariable> variables = new ArrayList<>();
        for (JsonNode variable : body.has("envs") ? body.path("envs") : List.of(body)) {
            String key = text(variable.path("key"));
            if (key != null) {
                variables.add(new VercelVariable(text(variable.path("id")), key, text(variable.path("type")), targets(variable.path("target"))));
            }
        }
        return List.copyOf(variables);
    }

    /**
     * Creates an environment variable of the Vercel project, encrypted, for the given environments:
     * {@code POST /v10/projects/{idOrName}/env} with {@code key}, {@code value}, {@code type=encrypted}
     * and {@code target}. Vercel answers 201 with what it {@code created} and what {@code failed}
     * (a variable of that name already set for that environment fails there); a failure is refused.
     *
     * @param targets the environments ({@code production}, {@code preview}, {@code development}), at least one
     * @return Vercel's id of the new variable
     * @see <a href="https://vercel.com/docs/rest-api/projects/create-one-or-more-environment-variables">
     *      Create one or more environment variables</a>
     * @throws VercelUnavailable when Vercel refused (the variable exists, a bad name) or could not be reached
     */
    public String createEnvironmentVariable(ProjectId project, String key, String value, List<String> targets) {
        if (key == null || !ENV_KEY.matcher(key).matches() || value == null || targets.isEmpty()
                || !targets.stream().allMatch(TARGETS::contains)) {
            throw new VercelUnavailable("Not an environment variable Vercel takes: a POSIX name, a value and production, preview "
                    + "or development.", false, null);
        }
        Link link = link(project);
        String step = "create the environment variable " + key;
        Map<String, Object> variable = new LinkedHashMap<>();
        variable.put("key", key);
        variable.put("value", value);
        variable.put("type", "encrypted");
        variable.put("target", List.copyOf(targets));
        OutboundResponse response = send(request(link, "POST", "/v10/projects/" + link.vercelProjectId() + "/env", Map.of())
                .body("application/json", json.writeValueAsString(variable)), step);
        JsonNode body = accepted(response, step);
        JsonNode failed = body.path("failed");
        if (failed.isArray() && !failed.isEmpty()) {
            JsonNode error = failed.get(0).path("error");
            throw new VercelUnavailable("Vercel refused to " + step + ": " + Optional.ofNullable(text(error.path("code"))).orElse("failed")
                    + Optional.ofNullable(text(error.path("message"))).map(message -> " (" + shortened(message) + ")").orElse("") + ".",
                    false, null);
        }
        JsonNode created = body.path("created");
        return text((created.isArray() ? created.path(0) : created).path("id"));
    }

    /**
     * Builds a deployment of the Vercel project again from the same source, with the project's
     * current settings and environment variables: {@code POST /v13/deployments} with {@code name}
     * (the Vercel project) and {@code deploymentId}, and {@code target} for a production one.
     *
     * @param target {@code production}, or null for a preview deployment
     * @return the new deployment, as Vercel starts it
     * @see <a href="https://vercel.com/docs/rest-api/deployments/create-a-new-deployment">Create a new deployment</a>
     * @throws VercelUnavailable when Vercel refused or could not be reached
     */
    public VercelDeployment redeploy(ProjectId project, String deploymentId, String name, String target) {
        Link link = link(project);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name == null || name.isBlank() ? link.vercelProjectId() : name);
        body.put("deploymentId", checked(deploymentId));
        if ("production".equals(target)) {
            body.put("target", "production");
        }
        String step = "redeploy " + deploymentId;
        JsonNode created = accepted(send(request(link, "POST", "/v13/deployments", Map.of())
                .body("application/json", json.writeValueAsString(body)), step), step);
        String uid = text(created.path("id")) != null ? text(created.path("id")) : text(created.path("uid"));
        if (uid == null || !ID.matcher(uid).matches()) {
            throw new VercelUnavailable("Vercel's answer to " + step + " names no deployment.", true, null);
        }
        return deployment(uid, created);
    }

    private Link link(ProjectId project) {
        Link link = links.find(project).orElseThrow(() -> new VercelUnavailable("The project has no linked Vercel project.", false, null));
        if (link.credentialId() == null) {
            throw new VercelUnavailable("The project's Vercel link has no token: link it again with a Vercel credential.", false, null);
        }
        return link;
    }

    private OutboundRequest.Builder request(Link link, String method, String path, Map<String, String> query) {
        try {
            return links.api(link, method, path, query);
        } catch (CredentialUnavailable gone) {
            throw new VercelUnavailable("The linked Vercel credential is no longer usable: " + gone.getMessage(), false, null);
        }
    }

    private OutboundResponse send(OutboundRequest.Builder request, String step) {
        try {
            return http.send(request.build());
        } catch (OutboundHttpException failed) {
            throw new VercelUnavailable("Vercel could not be reached to " + step + ": " + failed.getMessage(), failed.retryable(), null);
        }
    }

    /** The JSON of a 200 (or 201: created) answer; any other answer is a {@link VercelUnavailable}. */
    private JsonNode accepted(OutboundResponse response, String step) {
        int status = response.status();
        if (status == 200 || status == 201) {
            try {
                return json.readTree(response.body());
            } catch (JacksonException unreadable) {
                throw new VercelUnavailable("Vercel's answer to " + step + " is not JSON.", true, null);
            }
        }
        if (status == 429) {
            throw new VercelUnavailable("Vercel rate-limited the request to " + step + ".", true, retryAfter(response));
        }
        if (status >= 500) {
            throw new VercelUnavailable("Vercel failed to " + step + " (HTTP " + status + ").", true, retryAfter(response));
        }
        if (status == 401 || status == 403) {
            throw new VercelUnavailable("Vercel refused the token to " + step + " (HTTP " + status + ")" + message(response) + ".", false, null);
        }
        throw new VercelUnavailable("Vercel refused to " + step + " (HTTP " + status + ")" + message(response) + ".", false, null);
    }

    /** Vercel's own words about a refusal ({@code error.message}), short. */
    private String message(OutboundResponse response) {
        try {
            String message = text(json.readTree(response.body()).path("error").path("message"));
            return message == null ? "" : ": " + shortened(message);
        } catch (JacksonException notJson) {
            return "";
        }
    }

    private static String shortened(String message) {
        return message.length() > MAX_ERROR_MESSAGE ? message.substring(0, MAX_ERROR_MESSAGE) + "…" : message;
    }

    private static List<String> targets(JsonNode target) {
        if (target.isArray()) {
            List<String> targets = new ArrayList<>();
            target.forEach(each -> Optional.ofNullable(text(each)).ifPresent(targets::add));
            return List.copyOf(targets);
        }
        return text(target) == null ? List.of() : List.of(text(target));
    }

    /** {@code Retry-After} (seconds or an HTTP date), else {@code X-RateLimit-Reset} (epoch seconds), at most an hour. */
    private Duration retryAfter(OutboundResponse response) {
        Duration wait = null;
        String retryAfter = response.header("retry-after");
        String reset = response.header("x-ratelimit-reset");
        try {
            if (retryAfter != null && retryAfter.strip().matches("\\d{1,9}")) {
                wait = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
            } else if (retryAfter != null) {
                wait = Duration.between(clock.instant(), ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } else if (reset != null && reset.strip().matches("\\d{1,12}")) {
                wait = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.strip())));
            }
        } catch (DateTimeParseException unreadable) {
            return null;
        }
        if (wait == null) {
            return null;
        }
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait;
    }

    private static VercelDeployment deployment(String uid, JsonNode deployment) {
        String state = text(deployment.path("readyState")) != null ? text(deployment.path("readyState")) : text(deployment.path("state"));
        Instant created = instant(deployment.path("createdAt")) != null ? instant(deployment.path("createdAt")) : instant(deployment.path("created"));
        JsonNode meta = deployment.path("meta");
        return new VercelDeployment(uid, text(deployment.path("url")), state, text(deployment.path("target")), created,
                instant(deployment.path("buildingAt")), instant(deployment.path("ready")), commit(meta, "CommitSha"),
                commit(meta, "CommitMessage"), commit(meta, "CommitRef"));
    }

    /** A commit field of a deployment's meta, whichever Git host Vercel deployed from. */
    private static String commit(JsonNode meta, String field) {
        for (String host : List.of("github", "gitlab", "bitbucket")) {
            String value = text(meta.path(host + field));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String checked(String deploymentId) {
        if (deploymentId == null || !ID.matcher(deploymentId).matches()) {
            throw new VercelUnavailable("Not a Vercel deployment id.", false, null);
        }
        return deploymentId;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asString() : null;
    }

    private static Long firstNumber(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            if (node.isNumber()) {
                return node.asLong();
            }
        }
        return null;
    }

    private static Instant instant(JsonNode node) {
        return node.isNumber() ? Instant.ofEpochMilli(node.asLong()) : null;
    }

    private static String tail(StringBuilder log, int maxChars) {
        if (log.length() <= maxChars) {
            return log.toString();
        }
        int start = log.length() - maxChars;
        int nextLine = log.indexOf("\n", start);
        return log.substring(nextLine >= 0 && nextLine < log.length() - 1 ? nextLine + 1 : start);
    }
}
