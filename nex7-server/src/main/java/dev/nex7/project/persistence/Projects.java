package dev.nex7.project.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nex7.identity.UserId;
import dev.nex7.platform.PageQuery;
import dev.nex7.project.Project;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;
import dev.nex7.project.ProjectStatus;
import dev.nex7.project.ProjectType;

/** The projects table. */
@Repository
public class Projects {

    private static final String COLUMNS = "p.id, p.name, p.description, p.type, p.status, p.repository_url, "
            + "p.deployment_url, p.created_by, p.created_at, p.updated_at";

    /** A project with the role the asking user holds in it. */
    public record WithRole(Project project, ProjectRole role) {
    }

    private final JdbcClient jdbc;

    Projects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Project project) {
        jdbc.sql("""
                INSERT INTO project_projects (id, name, description, type, status, repository_url, deployment_url,
                                              created_by, created_at, updated_at)
                VALUES (:id, :name, :description, :type, :status, :repositoryUrl, :deploymentUrl,
                        :createdBy, :createdAt, :updatedAt)
                """)
                .param("id", project.id().value())
                .param("createdBy", project.createdBy().value())
                .param("createdAt", Timestamp.from(project.createdAt()))
                .params(fields(project))
                .update();
    }

    public void update(Project project) {
        jdbc.sql("""
                UPDATE project_projects SET name = :name, description = :description, type = :type, status = :status,
                       repository_url = :repositoryUrl, deployment_url = :deploymentUrl, updated_at = :updatedAt
                WHERE id = :id
                """)
                .param("id", project.id().value())
                .params(fields(project))
                .update();
    }

    private static java.util.Map<String, Object> fields(Project project) {
        java.util.Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("name", project.name());
        fields.put("description", project.description());
        fields.put("type", project.type().id());
        fields.put("status", project.status().id());
        fields.put("repositoryUrl", project.repositoryUrl());
        fields.put("deploymentUrl", project.deploymentUrl());
        fields.put("updatedAt", Timestamp.from(project.updatedAt()));
        return fields;
    }

    public void delete(ProjectId id) {
        jdbc.sql("DELETE FROM project_projects WHERE id = :id").param("id", id.value()).update();
    }

    /** The project with the user's role, if the user is a member. */
    public Optional<WithRole> findForMember(ProjectId id, UserId user) {
        return jdbc.sql("SELECT " + COLUMNS + ", m.role FROM project_projects p "
                + "JOIN project_members m ON m.project_id = p.id AND m.user_id = :user WHERE p.id = :id")
                .param("id", id.value()).param("user", user.value()).query(Projects::mapWithRole).optional();
    }

    /** Locks the project row for the rest of the transaction, so membership changes serialise. */
    public boolean lock(ProjectId id) {
        return jdbc.sql("SELECT id FROM project_projects WHERE id = :id FOR UPDATE").param("id", id.value())
                .query(UUID.class).optional().isPresent();
    }

    /** The user's projects; the ORDER BY column comes from {@link PageQuery}'s allow-list only. */
    public List<WithRole> pageForMember(UserId user, String nameContains, PageQuery query) {
        return jdbc.sql("SELECT " + COLUMNS + ", m.role FROM project_projects p "
                + "JOIN project_members m ON m.project_id = p.id AND m.user_id = :user "
                + "WHERE (CAST(:pattern AS TEXT) IS NULL OR p.name ILIKE :pattern ESCAPE '\\') "
                + "ORDER BY " + query.orderBy() + ", p.id LIMIT :limit OFFSET :offset")
                .param("user", user.value()).param("pattern", pattern(nameContains))
                .param("limit", query.size()).param("offset", query.offset())
                .query(Projects::mapWithRole).list();
    }

    public long countForMember(UserId user, String nameContains) {
        return jdbc.sql("SELECT count(*) FROM project_projects p "
                + "JOIN project_members m ON m.project_id = p.id AND m.user_id = :user "
                + "WHERE (CAST(:pattern AS TEXT) IS NULL OR p.name ILIKE :pattern ESCAPE '\\')")
                .param("user", user.value()).param("pattern", pattern(nameContains)).query(Long.class).single();
    }

    private static String pattern(String contains) {
        if (contains == null || contains.isBlank()) {
            return null;
        }
        String escaped = contains.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    private static WithRole mapWithRole(ResultSet rs, int row) throws SQLException {
        Project project = new Project(new ProjectId(rs.getObject("id", UUID.class)), rs.getString("name"),
                rs.getString("description"), ProjectType.of(rs.getString("type")),
                ProjectStatus.of(rs.getString("status")), rs.getString("repository_url"),
                rs.getString("deployment_url"), new UserId(rs.getObject("created_by", UUID.class)),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
        return new WithRole(project, ProjectRole.of(rs.getString("role")));
    }
}
