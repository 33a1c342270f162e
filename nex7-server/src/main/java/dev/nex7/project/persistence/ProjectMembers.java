package dev.nex7.project.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;

/** Who belongs to which project, with which role. */
@Repository
public class ProjectMembers {

    /** One membership row. */
    public record Member(UserId userId, ProjectRole role, Instant addedAt) {
    }

    private final JdbcClient jdbc;

    ProjectMembers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(ProjectId project, UserId user, ProjectRole role, Instant at) {
        jdbc.sql("INSERT INTO project_members (project_id, user_id, role, added_at) VALUES (:p, :u, :role, :at)")
                .param("p", project.value()).param("u", user.value()).param("role", role.id())
                .param("at", Timestamp.from(at)).update();
    }

    public Optional<ProjectRole> roleOf(ProjectId project, UserId user) {
        return jdbc.sql("SELECT role FROM project_members WHERE project_id = :p AND user_id = :u")
                .param("p", project.value()).param("u", user.value()).query(String.class).optional()
                .map(ProjectRole::of);
    }

    public Optional<Member> find(ProjectId project, UserId user) {
        return jdbc.sql("SELECT user_id, role, added_at FROM project_members WHERE project_id = :p AND user_id = :u")
                .param("p", project.value()).param("u", user.value()).query(ProjectMembers::map).optional();
    }

    /** The projects the user is a member of. */
    public List<ProjectId> projectsOf(UserId user) {
        return jdbc.sql("SELECT project_id FROM project_members WHERE user_id = :user")
                .param("user", user.value()).query(java.util.UUID.class).list().stream().map(ProjectId::new).toList();
    }

    public List<Member> all(ProjectId project) {
        return jdbc.sql("SELECT user_id, role, added_at FROM project_members WHERE project_id = :p ORDER BY added_at, user_id")
                .param("p", project.value()).query(ProjectMembers::map).list();
    }

    private static Member map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Member(new UserId(rs.getObject("user_id", UUID.class)), ProjectRole.of(rs.getString("role")),
                rs.getTimestamp("added_at").toInstant());
    }

    public long countOwners(ProjectId project) {
        return jdbc.sql("SELECT count(*) FROM project_members WHERE project_id = :p AND role = 'owner'")
                .param("p", project.value()).query(Long.class).single();
    }

    public void changeRole(ProjectId project, UserId user, ProjectRole role) {
        jdbc.sql("UPDATE project_members SET role = :role WHERE project_id = :p AND user_id = :u")
                .param("role", role.id()).param("p", project.value()).param("u", user.value()).update();
    }

    public void remove(ProjectId project, UserId user) {
        jdbc.sql("DELETE FROM project_members WHERE project_id = :p AND user_id = :u")
                .param("p", project.value()).param("u", user.value()).update();
    }
}
