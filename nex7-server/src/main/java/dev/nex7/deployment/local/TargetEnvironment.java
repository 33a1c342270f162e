package dev.nex7.deployment.local;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.identity.UserId;
import dev.nex7.platform.ApiProblem;
import dev.nex7.platform.ApiProblem.FieldError;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.platform.secret.SealedRecords;
import dev.nex7.platform.secret.SecretBox;
import dev.nex7.platform.secret.Sealed;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;

/**
 * The environment variables of a project's local target: what its install and build commands get
 * in the sandbox, besides the sandbox's own variables. Editors set, list and delete them; a value is
 * a secret, sealed with the master key like the credentials vault's secret fields, and it leaves
 * this class only towards a build ({@link ProjectBuild}, which also masks it in the build's output).
 * Lists name the variables, never their values.
 */
@Service
public class TargetEnvironment implements SealedRecords {

    /** POSIX: letters, digits and underscores, not starting with a digit. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    static final int MAX_VALUE_BYTES = 32 * 1024;
    static final int MAX_VARIABLES = 100;

    /**
     * One variable as people see it: its name and when it was last set, never its value.
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "TargetEnvironmentVariable")
    public record Variable(
            @io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED)
            String name,
            @io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED)
            Instant updatedAt) {
    }

    /** The target has no variable of this name. */
    public static final class VariableNotFound extends ApiProblem {
        VariableNotFound(String name) {
            super(HttpStatus.NOT_FOUND, "environment-variable-not-found", "No such environment variable",
                    "The local target has no environment variable " + name + ".");
        }
    }

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final LocalTargets targets;
    private final SecretBox box;
    private final Clock clock;

    TargetEnvironment(JdbcClient jdbc, ProjectAccess access, LocalTargets targets, SecretBox box, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.targets = targets;
        this.box = box;
        this.clock = clock;
    }

    /** The names of the target's variables, for an editor. */
    public List<Variable> list(ProjectId project, UserId user) {
        access.require(project, user, ProjectRole.EDITOR);
        targets.find(project).orElseThrow(LocalTargets.NotLinked::new);
        return jdbc.sql("SELECT name, updated_at FROM deployment_local_environment WHERE project_id = :project ORDER BY name")
                .param("project", project.value())
                .query((row, index) -> new Variable(row.getString("name"), row.getTimestamp("updated_at").toInstant())).list();
    }

    /** Sets (or replaces) a variable, for an editor; every problem with the name or value is reported at once. */
    @Transactional
    public Variable set(ProjectId project, UserId user, String name, String value) {
        access.require(project, user, ProjectRole.EDITOR);
        targets.find(project).orElseThrow(LocalTargets.NotLinked::new);
        List<FieldError> errors = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "must be letters, digits and underscores, not starting with a digit (at most 255)"));
        }
        if (value == null) {
            errors.add(new FieldError("value", "is required"));
        } else if (value.indexOf('\0') >= 0 || value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            errors.add(new FieldError("value", "must be text of at most " + MAX_VALUE_BYTES + " bytes without NUL characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        lockTarget(project);
        boolean known = jdbc.sql("SELECT count(*) FROM deployment_local_environment WHERE project_id = :project AND name = :name")
                .param("project", project.value()).param("name", name).query(Integer.class).single() > 0;
        if (!known && count(project) >= MAX_VARIABLES) {
            throw new InvalidRequest("name", "is one too many: a local target has at most " + MAX_VARIABLES + " variables");
        }
        return store(project, name, value, user);
    }

    /** Deletes a variable, for an editor. */
    @Transactional
    public void delete(ProjectId project, UserId user, String name) {
        access.require(project, user, ProjectRole.EDITOR);
        targets.find(project).orElseThrow(LocalTargets.NotLinked::new);
        if (jdbc.sql("DELETE FROM deployment_local_environment WHERE project_id = :project AND name = :name")
                .param("project", project.value()).param("name", name).update() == 0) {
            throw new VariableNotFound(name);
        }
    }

    /**
     * Sets a variable for NEX7's own work (a proven fix), past the count limit if need be: the fix
     * was proven with it, and leaving it out would undo the fix.
     */
    @Transactional
    public void put(ProjectId project, String name, String value) {
        lockTarget(project);
        store(project, name, value, null);
    }

    /** The variables with their values opened, for a build of the target. No access check: NEX7's own work. */
    public Map<String, String> values(ProjectId project) {
        Map<String, String> values = new LinkedHashMap<>();
        jdbc.sql("SELECT name, key_id, sealed_value FROM deployment_local_environment WHERE project_id = :project ORDER BY name")
                .param("project", project.value())
                .query((row, index) -> Map.entry(row.getString("name"), new Sealed(row.getString("key_id"), row.getBytes("sealed_value"))))
                .list().forEach(entry -> values.put(entry.getKey(), box.openString(entry.getValue(), context(project, entry.getKey()))));
        return values;
    }

    private Variable store(ProjectId project, String name, String value, UserId user) {
        Sealed sealed = box.seal(value, context(project, name));
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO deployment_local_environment (project_id, name, key_id, sealed_value, updated_by, updated_at)
                VALUES (:project, :name, :key, :sealed, :user, :now)
                ON CONFLICT (project_id, name) DO UPDATE
                   SET key_id = EXCLUDED.key_id, sealed_value = EXCLUDED.sealed_value, updated_by = EXCLUDED.updated_by,
                       updated_at = EXCLUDED.updated_at
                """)
                .param("project", project.value()).param("name", name).param("key", sealed.keyId()).param("sealed", sealed.ciphertext())
                .param("user", user == null ? null : user.value()).param("now", now).update();
        return new Variable(name, now.toInstant());
    }

    /** Locks the target's row, so that concurrent sets count the variables one after the other (and before sealing, see SecretBox). */
    private void lockTarget(ProjectId project) {
        jdbc.sql("SELECT project_id FROM deployment_local_targets WHERE project_id = :project FOR UPDATE")
                .param("project", project.value()).query(UUID.class).optional().orElseThrow(LocalTargets.NotLinked::new);
    }

    private int count(ProjectId project) {
        return jdbc.sql("SELECT count(*) FROM deployment_local_environment WHERE project_id = :project").param("project", project.value())
                .query(Integer.class).single();
    }

    /** The sealed value's additional data: copied onto another project's or variable's row, it does not open. */
    private static String context(ProjectId project, String name) {
        return "local-target-environment:" + project + "\nname:" + name;
    }

    @Override
    public int reseal(SecretBox secrets) {
        List<Object[]> rows = jdbc.sql("""
                SELECT project_id, name, key_id, sealed_value FROM deployment_local_environment WHERE key_id <> :key FOR UPDATE
                """).param("key", secrets.activeKeyId())
                .query((row, index) -> new Object[] {new ProjectId(row.getObject("project_id", UUID.class)), row.getString("name"),
                        new Sealed(row.getString("key_id"), row.getBytes("sealed_value"))}).list();
        int resealed = 0;
        for (Object[] row : rows) {
            ProjectId project = (ProjectId) row[0];
            String name = (String) row[1];
            Sealed old = (Sealed) row[2];
            if (!secrets.canOpen(old.keyId())) {
                continue;
            }
            Sealed sealed = secrets.seal(secrets.open(old, context(project, name)), context(project, name));
            jdbc.sql("UPDATE deployment_local_environment SET key_id = :key, sealed_value = :sealed WHERE project_id = :project AND name = :name")
                    .param("key", sealed.keyId()).param("sealed", sealed.ciphertext()).param("project", project.value()).param("name", name)
                    .update();
            resealed++;
        }
        return resealed;
    }

    @Override
    public Set<String> keyIdsInUse() {
        return new LinkedHashSet<>(jdbc.sql("SELECT DISTINCT key_id FROM deployment_local_environment").query(String.class).list());
    }
}
