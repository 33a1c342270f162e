package dev.nex7.deployment.recovery;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;


import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.deployment.DeploymentSettings;
import dev.nex7.identity.UserId;
import dev.nex7.platform.ApiProblem.FieldError;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectEvents.ProjectDeleted;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;

/**
 * How NEX7 recovers a project's failed deployments: whether it tries at all, the confidence a fix
 * needs ({@code nex7.deployment.recovery.threshold} unless the project sets its own), whether the
 * Debugger may propose patches, whether a failure NEX7 cannot fix is rolled back automatically, and
 * how many fixes are tried per failure. Members read it; owners change it.
 */
@Service
public class RecoveryPolicies {

    /** A project's recovery policy. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "RecoveryPolicy")
    public record Policy(@io.swagger.v3.oas.annotations.media.Schema(requiredMode = REQUIRED) boolean enabled,
            @io.swagger.v3.oas.annotations.media.Schema(requiredMode = REQUIRED, minimum = "0", maximum = "1") double threshold,
            @io.swagger.v3.oas.annotations.media.Schema(requiredMode = REQUIRED) boolean modelFixes,
            @io.swagger.v3.oas.annotations.media.Schema(requiredMode = REQUIRED) boolean autoRollback,
            @io.swagger.v3.oas.annotations.media.Schema(requiredMode = REQUIRED, minimum = "1", maximum = "10") int maxAttempts) {
    }

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final DeploymentSettings settings;
    private final Clock clock;

    RecoveryPolicies(JdbcClient jdbc, ProjectAccess access, DeploymentSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.settings = settings;
        this.clock = clock;
    }

    /** The project's policy, or the defaults when it never set one. */
    public Policy of(ProjectId project) {
        return jdbc.sql("SELECT * FROM deployment_recovery_policies WHERE project_id = :project").param("project", project.value())
                .query((row, index) -> new Policy(row.getBoolean("enabled"), row.getDouble("threshold"), row.getBoolean("model_fixes"),
                        row.getBoolean("auto_rollback"), row.getInt("max_attempts")))
                .optional().orElseGet(this::defaults);
    }

    /** The defaults: on, the configured threshold and attempts, model fixes on, no automatic rollback. */
    public Policy defaults() {
        return new Policy(true, settings.recovery().threshold(), true, false, settings.recovery().maxAttempts());
    }

    /** The project's policy, for a member. */
    public Policy get(ProjectId project, UserId user) {
        access.require(project, user, ProjectRole.VIEWER);
        return of(project);
    }

    /** Replaces the project's policy (owner). */
    @Transactional
    public Policy set(ProjectId project, UserId user, Policy policy) {
        access.require(project, user, ProjectRole.OWNER);
        List<FieldError> errors = new ArrayList<>();
        if (!(policy.threshold() >= 0 && policy.threshold() <= 1)) {
            errors.add(new FieldError("threshold", "must be between 0 and 1"));
        }
        if (policy.maxAttempts() < 1 || policy.maxAttempts() > 10) {
            errors.add(new FieldError("maxAttempts", "must be between 1 and 10"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        jdbc.sql("""
                INSERT INTO deployment_recovery_policies (project_id, enabled, threshold, model_fixes, auto_rollback, max_attempts, updated_by, updated_at)
                VALUES (:project, :enabled, :threshold, :model, :rollback, :attempts, :user, :now)
                ON CONFLICT (project_id) DO UPDATE
                   SET enabled = EXCLUDED.enabled, threshold = EXCLUDED.threshold, model_fixes = EXCLUDED.model_fixes,
                       auto_rollback = EXCLUDED.auto_rollback, max_attempts = EXCLUDED.max_attempts,
                       updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                """)
                .param("project", project.value()).param("enabled", policy.enabled()).param("threshold", policy.threshold())
                .param("model", policy.modelFixes()).param("rollback", policy.autoRollback()).param("attempts", policy.maxAttempts())
                .param("user", user.value()).param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
        return of(project);
    }

    @ApplicationModuleListener
    void on(ProjectDeleted deleted) {
        jdbc.sql("DELETE FROM deployment_recovery_policies WHERE project_id = :project").param("project", deleted.projectId().value()).update();
    }
}
