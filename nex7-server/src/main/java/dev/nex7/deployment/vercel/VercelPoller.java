package dev.nex7.deployment.vercel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.nex7.deployment.DeploymentSettings;
import dev.nex7.deployment.vercel.VercelPolls.Claim;
import dev.nex7.integration.VercelApi;
import dev.nex7.integration.VercelApi.DeploymentList;
import dev.nex7.integration.VercelApi.LinkedProject;
import dev.nex7.integration.VercelApi.VercelDeployment;
import dev.nex7.integration.VercelApi.VercelUnavailable;
import dev.nex7.platform.PeriodicTask;
import dev.nex7.project.ProjectId;

/**
 * Polls the deployments of every linked Vercel project (one with a token) every
 * {@code nex7.deployment.vercel.poll-interval}, with the ETag of the last list so that an unchanged
 * list costs one 304, and applies what changed to the deployments store: a changed list is read
 * page by page until it reaches deployments NEX7 already knows (at most {@code max-pages}), so
 * none is missed however many came or changed between polls. The builds still running have their
 * logs followed ({@link VercelLiveLogs}). A project whose poll fails
 * waits longer each time (doubling, with jitter, up to {@code max-backoff}, never less than Vercel's
 * {@code Retry-After}); the others are not held up. Webhook events make the same changes sooner;
 * polling catches what webhooks missed and works without one.
 *
 * <p>Any number of instances poll together: each project's turn is claimed in the database, so a
 * project is polled by one instance at a time, and one whose poller died is polled again when the
 * claim's lease ends.
 */
@Component
class VercelPoller extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(VercelPoller.class);
    /** How long a claim holds: longer than a poll takes (a list and a few build logs, each within the read timeout). */
    private static final Duration LEASE = Duration.ofMinutes(5);
    /** How often due projects are looked for: polls start at most this late. */
    private static final Duration TICK = Duration.ofSeconds(5);

    private final VercelApi vercel;
    private final VercelPolls polls;
    private final VercelMirror mirror;
    private final VercelLiveLogs liveLogs;
    private final Backoff backoff;
    private final int maxPages;
    private final Clock clock;

    VercelPoller(VercelApi vercel, VercelPolls polls, VercelMirror mirror, VercelLiveLogs liveLogs, DeploymentSettings settings,
            Clock clock) {
        super("nex7-vercel-poller", interval(settings));
        this.vercel = vercel;
        this.polls = polls;
        this.mirror = mirror;
        this.liveLogs = liveLogs;
        this.maxPages = settings.vercel().maxPages();
        this.backoff = new Backoff(settings.vercel().pollInterval(), settings.vercel().maxBackoff());
        this.clock = clock;
    }

    /**
     * Polls every linked project that is due, one claim at a time, until none is.
     *
     * @return how many projects were polled
     */
    int pollDue() {
        Map<ProjectId, LinkedProject> linked = vercel.linkedProjects().stream()
                .collect(Collectors.toMap(LinkedProject::projectId, Function.identity(), (first, second) -> first));
        polls.watchOnly(linked.keySet(), clock.instant());
        int polled = 0;
        for (Optional<Claim> claim = claim(null); claim.isPresent(); claim = claim(null)) {
            LinkedProject project = linked.get(claim.get().projectId());
            if (project != null) { // unlinked since the list was read: its row goes next time
                poll(project, claim.get());
                polled++;
            }
        }
        return polled;
    }

    /**
     * Polls one project now if it is linked and its turn has come (the first time, at once).
     *
     * @return whether it was polled
     */
    boolean poll(ProjectId project) {
        List<LinkedProject> linked = vercel.linkedProjects().stream().filter(candidate -> candidate.projectId().equals(project)).toList();
        if (linked.isEmpty()) {
            return false;
        }
        polls.watch(project, clock.instant());
        Optional<Claim> claim = claim(project);
        claim.ifPresent(claimed -> poll(linked.getFirst(), claimed));
        return claim.isPresent();
    }

    private Optional<Claim> claim(ProjectId project) {
        Instant now = clock.instant();
        return polls.claim(project, now, now.plus(LEASE));
    }

    private void poll(LinkedProject project, Claim claim) {
        try {
            DeploymentList list = vercel.deployments(project.projectId(), claim.etag(), null);
            boolean applied = list.notModified() || mirror.applyPoll(project, withOlderPages(project, list));
            liveLogs.followBuilding(project.projectId());
            if (applied) {
                Instant now = clock.instant();
                polls.succeeded(project.projectId(), list.etag(), now, now.plus(backoff.interval()));
            } else {
                // The list is kept unconfirmed (the old ETag stays) so that the next poll reads it whole again.
                failed(project, claim, "A failed deployment's build log could not be read yet", null);
            }
        } catch (VercelUnavailable unavailable) {
            failed(project, claim, unavailable.getMessage(), unavailable.retryAfter().orElse(null));
        } catch (RuntimeException unexpected) {
            log.error("Polling Vercel for project {} failed", project.projectId(), unexpected);
            failed(project, claim, "NEX7 failed to apply Vercel's list: " + unexpected.getClass().getSimpleName(), null);
        }
    }

    /**
     * The first page and the older pages it takes to reach what NEX7 already knows
     * ({@link VercelMirror#caughtUp}), at most {@code max-pages}; newest first. Only the first page
     * is asked for with the ETag: an unchanged first page ends the poll there.
     */
    private List<VercelDeployment> withOlderPages(LinkedProject project, DeploymentList first) {
        List<VercelDeployment> listed = new ArrayList<>(first.deployments());
        Long next = first.next();
        for (int pages = 1; next != null && !mirror.caughtUp(project, listed); pages++) {
            if (pages == maxPages) {
                log.info("Polling Vercel for project {} stopped after {} pages (nex7.deployment.vercel.max-pages) before it reached "
                        + "deployments it knows; older changes are not seen until a webhook reports them", project.projectId(), pages);
                break;
            }
            DeploymentList page = vercel.deployments(project.projectId(), null, next);
            listed.addAll(page.deployments());
            next = page.next();
        }
        return listed;
    }

    private void failed(LinkedProject project, Claim claim, String reason, Duration retryAfter) {
        int failures = claim.failures() + 1;
        Duration wait = backoff.after(failures, retryAfter, ThreadLocalRandom.current());
        Instant now = clock.instant();
        polls.failed(project.projectId(), failures, reason, now, now.plus(wait));
        log.warn("Polling Vercel for project {} failed ({} in a row), next poll in {}s: {}", project.projectId(), failures, wait.toSeconds(),
                reason);
    }

    /** How often due projects are looked for: the poll interval when it is shorter than {@link #TICK}; never when polling is off. */
    private static Duration interval(DeploymentSettings settings) {
        if (!settings.vercel().polling()) {
            return Duration.ZERO;
        }
        return settings.vercel().pollInterval().compareTo(TICK) < 0 ? settings.vercel().pollInterval() : TICK;
    }

    @Override
    protected void runPeriodically() {
        pollDue();
    }
}
