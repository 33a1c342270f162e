package dev.nex7.deployment.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentId;
import dev.nex7.deployment.DeploymentSettings;
import dev.nex7.deployment.DeploymentStatus;
import dev.nex7.deployment.Deployments;
import dev.nex7.deployment.local.LocalTargets.Target;
import dev.nex7.platform.Periodic;

/**
 * Builds the queued deployments of local targets. A deployment is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and a lease (one project builds one deployment at a time, and any
 * instance may take any project), checked out at its commit into a workspace of its own, and built
 * with the target's install and build commands in the build sandbox ({@link ProjectBuild}), its output
 * reaching the deployment's log while it runs ({@link LiveLog}). The lease is renewed while it
 * builds; a deployment whose builder died is built again when its lease runs out, at most three
 * times. Only the newest workspaces of a project are kept.
 */
@Component
class LocalBuilder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LocalBuilder.class);
    private static final int MAX_ATTEMPTS = 3;

    private final JdbcClient jdbc;
    private final Deployments deployments;
    private final LocalTargets targets;
    private final ProjectBuild build;
    private final DeploymentSettings settings;
    private final Clock clock;
    private final String instance = "builder-" + UUID.randomUUID();
    private final Semaphore draining = new Semaphore(1);
    private final Periodic periodic;
    private ExecutorService executor;

    LocalBuilder(JdbcClient jdbc, Deployments deployments, LocalTargets targets, ProjectBuild build, DeploymentSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.deployments = deployments;
        this.targets = targets;
        this.build = build;
        this.settings = settings;
        this.clock = clock;
        // the poll catches what a wake-up missed: work queued by another instance, and expired leases
        this.periodic = new Periodic("nex7-local-builder-poll", settings.local().buildLease().dividedBy(4), this::wake);
    }

    /** Looks for queued deployments now, on the builder's thread. */
    void wake() {
        ExecutorService running = executor;
        if (running != null && draining.tryAcquire()) {
            try {
                running.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                draining.release();
            }
        }
    }

    private void drain() {
        try {
            Optional<Claim> claim;
            while (executor != null && (claim = claim()).isPresent()) {
                buildClaimed(claim.get());
            }
        } catch (RuntimeException failure) {
            log.error("The local builder stopped draining its queue; it looks again at the next poll", failure);
        } finally {
            draining.release();
        }
    }

    private record Claim(DeploymentId id, boolean wasQueued, int attempts) {
    }

    /** Claims the oldest deployment no one builds, of a project with nothing else building. */
    Optional<Claim> claim() {
        OffsetDateTime now = now();
        return jdbc.sql("""
                WITH next AS (
                    SELECT d.id, d.status FROM deployments d
                     WHERE d.target = 'local'
                       AND (d.status = 'queued' OR (d.status = 'building' AND d.lease_until < :now))
                       AND NOT EXISTS (SELECT 1 FROM deployments o
                                        WHERE o.project_id = d.project_id AND o.target = 'local' AND o.id <> d.id
                                          AND o.status = 'building' AND o.lease_until >= :now)
                     ORDER BY d.created_at
                     LIMIT 1
                       FOR UPDATE SKIP LOCKED)
                UPDATE deployments d SET claimed_by = :me, lease_until = :lease, attempts = d.attempts + 1
                  FROM next WHERE d.id = next.id
                RETURNING d.id, next.status AS was, d.attempts
                """)
                .param("now", now).param("me", instance).param("lease", now.plus(settings.local().buildLease()))
                .query((row, index) -> new Claim(new DeploymentId(row.getObject("id", UUID.class)), "queued".equals(row.getString("was")),
                        row.getInt("attempts")))
                .optional();
    }

    private void buildClaimed(Claim claim) {
        Deployment deployment = deployments.find(claim.id()).orElseThrow();
        if (claim.attempts() > MAX_ATTEMPTS) {
            deployments.finish(claim.id(), DeploymentStatus.ERROR, null,
                    "NEX7 gave up on this deployment: its builder stopped " + (claim.attempts() - 1) + " times before it finished.");
            return;
        }
        Optional<Target> target = targets.find(deployment.projectId());
        if (target.isEmpty()) {
            deployments.finish(claim.id(), DeploymentStatus.CANCELED, null, "The project's local target was unlinked before it was built.");
            return;
        }
        if (claim.wasQueued() && deployments.start(claim.id()).isEmpty()) {
            return; // canceled meanwhile
        }
        Periodic renewal = new Periodic("nex7-local-build-lease", settings.local().buildLease().dividedBy(3), () -> renew(claim.id()));
        renewal.start();
        ProjectBuild.Result result;
        try (LiveLog live = new LiveLog(claim.id(), deployments).start()) {
            if (!claim.wasQueued()) {
                // what the stopped builder streamed stays above, for whoever follows the log; the final log is this attempt's
                live.accept("[nex7: the builder of this deployment stopped before it finished; building it again, attempt "
                        + claim.attempts() + "]");
            }
            result = build.build(target.get(), deployment.commitSha(), workspace(deployment), live);
        } catch (RuntimeException failure) {
            log.error("Building deployment {} failed unexpectedly", claim.id(), failure);
            String message = "NEX7 could not build this deployment: " + failure.getMessage();
            result = new ProjectBuild.Result(false, message, null, message);
        } finally {
            renewal.stop();
        }
        deployments.finish(claim.id(), result.succeeded() ? DeploymentStatus.READY : DeploymentStatus.ERROR, null, result.log());
        prune(deployment);
    }

    private void renew(DeploymentId id) {
        jdbc.sql("UPDATE deployments SET lease_until = :lease WHERE id = :id AND claimed_by = :me")
                .param("lease", now().plus(settings.local().buildLease())).param("id", id.value()).param("me", instance).update();
    }

    /** Where a deployment of the project is checked out and built. */
    Path workspace(Deployment deployment) {
        return build.root().resolve("deployments").resolve(deployment.projectId().toString()).resolve(deployment.id().toString());
    }

    /** Deletes all but the newest workspaces of the project, keeping the newest ready one whatever its age. */
    private void prune(Deployment built) {
        List<UUID> keep = jdbc.sql("""
                (SELECT id FROM deployments WHERE project_id = :project AND target = 'local' ORDER BY created_at DESC LIMIT :keep)
                UNION
                (SELECT id FROM deployments WHERE project_id = :project AND target = 'local' AND status = 'ready' ORDER BY created_at DESC LIMIT 1)
                """).param("project", built.projectId().value()).param("keep", settings.local().keepWorkspaces()).query(UUID.class).list();
        Path folder = workspace(built).getParent();
        try (Stream<Path> workspaces = Files.list(folder)) {
            for (Path workspace : workspaces.toList()) {
                String name = workspace.getFileName().toString();
                if (keep.stream().noneMatch(id -> id.toString().equals(name))) {
                    build.delete(workspace);
                }
            }
        } catch (IOException unreadable) {
            log.warn("Could not prune the workspaces in {}: {}", folder, unreadable.getMessage());
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("nex7-local-builder").daemon().factory());
        periodic.start();
        wake();
    }

    @Override
    public synchronized void stop() {
        periodic.stop();
        ExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
