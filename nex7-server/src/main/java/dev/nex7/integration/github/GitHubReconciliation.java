package dev.nex7.integration.github;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nex7.integration.GitHubEventReceived;
import dev.nex7.integration.IntegrationSettings;
import dev.nex7.integration.OutboundHttp;
import dev.nex7.integration.OutboundHttpException;
import dev.nex7.integration.OutboundResponse;
import dev.nex7.integration.github.GitHubLinks.GitHubUnavailable;
import dev.nex7.integration.github.GitHubLinks.Link;
import dev.nex7.integration.github.PushDeliveries.Push;
import dev.nex7.platform.PeriodicTask;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Catches up pushes whose webhook delivery never arrived: GitHub does not redeliver on its own. Every
 * {@code nex7.integration.github-reconcile-interval}, the head of each branch NEX7 has seen pushes to
 * (the 20 pushed to most recently per repository) is read through GitHub's API; when it is not the
 * commit of the newest push NEX7 stored for the branch, a push is stored as a delivery of its own
 * ({@code reconcile:<sha>:<project>}) and announced as {@link GitHubEventReceived} exactly as the
 * real push would have been, so workflows and deployments start once. The delivery id makes a second
 * run, or another instance running at the same time, store and announce nothing; the webhook
 * endpoint does not announce the real delivery if it arrives after all.
 *
 * <p>Only branches with a push NEX7 stored are compared: without one there is nothing to compare the
 * head with, and announcing the head of a newly linked repository would start its workflows for a
 * push nobody made.
 */
@Component
public class GitHubReconciliation extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(GitHubReconciliation.class);
    private static final String BRANCHES = "refs/heads/";

    private final GitHubLinks links;
    private final PushDeliveries pushes;
    private final OutboundHttp http;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    GitHubReconciliation(GitHubLinks links, PushDeliveries pushes, OutboundHttp http, JsonMapper json, ApplicationEventPublisher events,
            TransactionTemplate transaction, IntegrationSettings settings, Clock clock) {
        super("nex7-github-reconciliation", settings.githubReconcileInterval());
        this.links = links;
        this.pushes = pushes;
        this.http = http;
        this.json = json;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Compares every linked repository's branches with GitHub once; a repository GitHub refuses or
     * cannot be reached for is logged and tried again next time.
     *
     * @return the number of missed pushes announced
     */
    public int reconcile() {
        int announced = 0;
        for (Link link : links.all()) {
            try {
                announced += reconcile(link);
            } catch (RuntimeException failed) {
                log.warn("Could not reconcile the pushes to {} of project {}: {}", link.fullName(), link.projectId(), failed.getMessage());
            }
        }
        return announced;
    }

    private int reconcile(Link link) {
        int announced = 0;
        for (Push newest : pushes.newestPerBranch(link.projectId())) {
            Optional<JsonNode> head = head(link, newest.ref().substring(BRANCHES.length()));
            String sha = head.map(branch -> branch.path("commit").path("sha").asString(null)).orElse(null);
            if (sha != null && !sha.equals(newest.headSha()) && announce(link, newest, sha, head.get())) {
                log.info("Push of {} to {} of {} was not delivered by GitHub; announced it from the API", sha, newest.ref(), link.fullName());
                announced++;
            }
        }
        return announced;
    }

    /** The branch as GitHub shows it ({@code GET /repos/{owner}/{repo}/branches/{branch}}), empty when it is gone. */
    private Optional<JsonNode> head(Link link, String branch) {
        String path = "/branches/" + Arrays.stream(branch.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20")).collect(Collectors.joining("/"));
        OutboundResponse response;
        try {
            response = http.send(links.api(link.projectId(), "GET", path).build());
        } catch (OutboundHttpException failed) {
            throw new GitHubUnavailable("GitHub could not be reached: " + failed.getMessage());
        }
        if (response.status() == 404) {
            return Optional.empty(); // deleted since; a deletion starts nothing
        }
        if (response.status() != 200) {
            throw new GitHubUnavailable("GitHub answered HTTP " + response.status() + " for a branch of " + link.fullName() + ".");
        }
        return Optional.of(json.readTree(response.body()));
    }

    /** Stores the push as the webhook would have (with what the branch API tells of it) and announces it, once. */
    private boolean announce(Link link, Push newest, String sha, JsonNode branch) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ref", newest.ref());
        payload.put("before", newest.headSha());
        payload.put("after", sha);
        payload.put("repository", Map.of("full_name", link.fullName(), "name", link.repo(), "owner", Map.of("login", link.owner())));
        Map<String, Object> commit = new LinkedHashMap<>();
        commit.put("id", sha);
        commit.put("message", branch.path("commit").path("commit").path("message").asString(""));
        payload.put("head_commit", commit);
        payload.put("reconciled", true);
        String deliveryId = PushDeliveries.reconciledId(link.projectId(), sha);
        return Boolean.TRUE.equals(transaction.execute(status -> {
            if (!pushes.storeReconciled(link.projectId(), deliveryId, json.writeValueAsString(payload), clock.instant())) {
                return false;
            }
            events.publishEvent(new GitHubEventReceived(link.projectId(), deliveryId, "push", null, link.fullName(), newest.ref(), sha, null,
                    false));
            return true;
        }));
    }

    @Override
    protected void runPeriodically() {
        reconcile();
    }
}
