package dev.nex7.deployment.vercel;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentSettings;
import dev.nex7.deployment.DeploymentStatus;
import dev.nex7.deployment.Deployments;
import dev.nex7.deployment.NewDeployment;
import dev.nex7.integration.VercelApi;
import dev.nex7.integration.VercelApi.LinkedProject;
import dev.nex7.integration.VercelApi.VercelDeployment;
import dev.nex7.integration.VercelApi.VercelUnavailable;
import dev.nex7.integration.VercelEventReceived;
import dev.nex7.project.ProjectId;

/**
 * Keeps the deployments store in step with what Vercel reports about a project's deployments, from
 * a poll of its deployments API or a webhook event: Vercel's QUEUED and INITIALIZING are queued,
 * BUILDING building, READY, ERROR and CANCELED the end states. A failed deployment's build log is
 * read from Vercel before the failure is stored, so the failure event carries its analysed root
 * cause.
 *
 * <p>Polls and webhooks report the same deployment many times and in any order: a report only ever
 * moves a deployment forward (a finished one stays finished), and the reports of one deployment are
 * applied one at a time under a transaction-scoped advisory lock, so two instances, or a poll and a
 * webhook, record it once.
 */
@Service
class VercelMirror {

    private static final Logger log = LoggerFactory.getLogger(VercelMirror.class);

    /**
     * What Vercel reported about one deployment.
     *
     * @param trigger how NEX7 heard of it: {@code poll} or {@code webhook}
     */
    record Report(String uid, DeploymentStatus status, String url, String target, String commitSha, String commitMessage,
            String commitRef, String trigger) {

        Report building() {
            return new Report(uid, DeploymentStatus.BUILDING, url, target, commitSha, commitMessage, commitRef, trigger);
        }
    }

    /** The unfinished deployments a poll looks for in Vercel's list before it stops paging: more than a project ever has. */
    private static final int MAX_UNFINISHED = 100;

    private final Deployments deployments;
    private final VercelApi vercel;
    private final VercelLiveLogs liveLogs;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final int maxLogChars;

    VercelMirror(Deployments deployments, VercelApi vercel, VercelLiveLogs liveLogs, JdbcClient jdbc, TransactionTemplate transaction,
            DeploymentSettings settings) {
        this.deployments = deployments;
        this.vercel = vercel;
        this.liveLogs = liveLogs;
        this.jdbc = jdbc;
        // Each report is stored in a transaction of its own, also inside a listener's: a failure recorded as building while its
        // log cannot be read yet stays recorded when the listener then fails (so that the event is delivered again).
        this.transaction = new TransactionTemplate(transaction.getTransactionManager());
        this.transaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.maxLogChars = (int) Math.min(Integer.MAX_VALUE, settings.maxLogSize().toBytes());
    }

    /**
     * Applies a poll's list, oldest deployment first. A deployment that had finished before the
     * project was linked is history NEX7 did not watch: it is left out rather than announced now as
     * news (workflows, notifications and recovery would act on it).
     *
     * @return whether every deployment was applied; false when a failed one's log could not be read
     *     yet (the next poll tries again)
     */
    boolean applyPoll(LinkedProject project, List<VercelDeployment> listed) {
        boolean whole = true;
        for (VercelDeployment deployment : listed.reversed()) {
            Optional<DeploymentStatus> status = status(deployment.state());
            if (status.isEmpty() || (status.get().finished() && before(deployment.createdAt(), project.linkedAt()))) {
                continue;
            }
            try {
                apply(project.projectId(), new Report(deployment.uid(), status.get(), deployment.url(), deployment.target(),
                        deployment.commitSha(), deployment.commitMessage(), deployment.commitRef(), "poll"));
            } catch (VercelUnavailable unavailable) {
                log.warn("The build log of Vercel deployment {} of project {} could not be read yet: {}", deployment.uid(),
                        project.projectId(), unavailable.getMessage());
                whole = false;
            }
        }
        return whole;
    }

    /**
     * Whether a poll that listed {@code listed} (newest first, the pages read so far) has seen all
     * that can have changed: it reached a deployment NEX7 knows as ended (or one from before the
     * link, which NEX7 does not mirror), and every deployment NEX7 still has as queued or building
     * is among those listed. Older pages then hold nothing new.
     */
    boolean caughtUp(LinkedProject project, List<VercelDeployment> listed) {
        Set<String> uids = listed.stream().map(VercelDeployment::uid).collect(Collectors.toSet());
        boolean reachedKnown = listed.stream().anyMatch(deployment -> before(deployment.createdAt(), project.linkedAt())
                || finished(project.projectId(), deployment.uid()));
        return reachedKnown && deployments.unfinished(project.projectId(), Deployment.VERCEL, MAX_UNFINISHED).stream()
                .allMatch(unfinished -> uids.contains(unfinished.externalId()));
    }

    /**
     * Applies a webhook event: deployment.created is building, deployment.succeeded and
     * deployment.ready are ready, deployment.error failed, deployment.canceled canceled; other
     * events change nothing. When a failure's log cannot be read yet, the event stays unprocessed in
     * the event publication registry (the next poll records the failure meanwhile).
     */
    @ApplicationModuleListener
    void on(VercelEventReceived received) {
        receive(received);
    }

    /** What {@link #on} does, on the calling thread. */
    void receive(VercelEventReceived received) {
        Optional<DeploymentStatus> status = switch (received.type()) {
            case "deployment.created" -> Optional.of(DeploymentStatus.BUILDING);
            case "deployment.succeeded", "deployment.ready" -> Optional.of(DeploymentStatus.READY);
            case "deployment.error" -> Optional.of(DeploymentStatus.ERROR);
            case "deployment.canceled" -> Optional.of(DeploymentStatus.CANCELED);
            default -> Optional.empty();
        };
        if (status.isEmpty() || received.deploymentId() == null) {
            return;
        }
        apply(received.projectId(), new Report(received.deploymentId(), status.get(), received.url(), received.target(),
                received.commitSha(), received.commitMessage(), received.commitRef(), "webhook"));
    }

    /**
     * Applies one report.
     *
     * @throws VercelUnavailable (retryable) when the report is a failure whose build log Vercel did not give yet
     */
    void apply(ProjectId project, Report report) {
        if (report.status() == DeploymentStatus.READY) {
            // a build followed while it ran keeps the end of its log too (a failed one's is read whole below)
            deployments.findExternal(project, Deployment.VERCEL, report.uid()).filter(known -> known.status() == DeploymentStatus.BUILDING)
                    .ifPresent(building -> liveLogs.catchUp(project, building));
        }
        String buildLog = null;
        if (report.status() == DeploymentStatus.ERROR && !finished(project, report.uid())) {
            try {
                buildLog = buildLog(project, report.uid());
            } catch (VercelUnavailable notYet) {
                // On the timeline meanwhile, as the build it was; the failure is stored once its log is read.
                store(project, report.building(), null);
                throw notYet;
            }
        }
        store(project, report, buildLog);
    }

    private void store(ProjectId project, Report report, String buildLog) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", "vercel:" + project.value() + ":" + report.uid())
                    .query((row, index) -> 1).list();
            Deployment deployment = deployments.findExternal(project, Deployment.VERCEL, report.uid()).orElse(null);
            if (deployment == null) {
                deployment = deployments.record(new NewDeployment(project, Deployment.VERCEL, report.uid(), report.trigger(),
                        environment(report.target()), report.commitSha(), report.commitMessage(), report.commitRef(), null),
                        report.status() == DeploymentStatus.QUEUED ? DeploymentStatus.QUEUED : DeploymentStatus.BUILDING);
            } else if (deployment.status() == DeploymentStatus.QUEUED && report.status() != DeploymentStatus.QUEUED) {
                deployment = deployments.start(deployment.id()).orElse(deployment);
            }
            if (report.status().finished() && !deployment.status().finished()) {
                deployments.finish(deployment.id(), report.status(), url(report.url()), buildLog);
            }
        });
    }

    /** The log of a failed deployment; null when Vercel will not give it (a refusal), so the failure is stored without it. */
    private String buildLog(ProjectId project, String uid) {
        try {
            return vercel.buildLog(project, uid, maxLogChars);
        } catch (VercelUnavailable unavailable) {
            if (unavailable.retryable()) {
                throw unavailable;
            }
            log.warn("The build log of Vercel deployment {} of project {} cannot be read: {}", uid, project, unavailable.getMessage());
            return null;
        }
    }

    private boolean finished(ProjectId project, String uid) {
        return deployments.findExternal(project, Deployment.VERCEL, uid).map(found -> found.status().finished()).orElse(false);
    }

    /** Vercel's {@code readyState} in NEX7's words; empty for a state Vercel may add later. */
    static Optional<DeploymentStatus> status(String state) {
        return switch (state == null ? "" : state.toUpperCase(Locale.ROOT)) {
            case "QUEUED", "INITIALIZING" -> Optional.of(DeploymentStatus.QUEUED);
            case "BUILDING" -> Optional.of(DeploymentStatus.BUILDING);
            case "READY" -> Optional.of(DeploymentStatus.READY);
            case "ERROR" -> Optional.of(DeploymentStatus.ERROR);
            case "CANCELED" -> Optional.of(DeploymentStatus.CANCELED);
            default -> Optional.empty();
        };
    }

    /** Vercel's {@code target}: production, or a preview (null, or a custom environment). */
    private static String environment(String target) {
        return "production".equals(target) ? "production" : "preview";
    }

    /** Vercel gives the host name alone. */
    private static String url(String host) {
        return host == null || host.isBlank() ? null : host.startsWith("http://") || host.startsWith("https://") ? host : "https://" + host;
    }

    private static boolean before(Instant created, Instant linkedAt) {
        return created != null && created.isBefore(linkedAt);
    }
}
