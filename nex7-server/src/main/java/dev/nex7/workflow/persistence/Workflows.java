package dev.nex7.workflow.persistence;

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
import dev.nex7.project.ProjectId;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.definition.DefinitionCodec;
import dev.nex7.workflow.definition.Workflow;

/** The workflows table: one row per workflow, holding its draft. */
@Repository
public class Workflows {

    private static final String COLUMNS = "id, project_id, name, description, draft, draft_revision, active_version, "
            + "webhook_token, created_by, created_at, updated_by, updated_at";

    private final JdbcClient jdbc;
    private final DefinitionCodec codec;

    Workflows(JdbcClient jdbc, DefinitionCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
    }

    public void insert(Workflow workflow) {
        jdbc.sql("""
                INSERT INTO workflow_workflows (id, project_id, name, description, draft, draft_revision, active_version,
                    webhook_token, created_by, created_at, updated_by, updated_at)
                VALUES (:id, :projectId, :name, :description, CAST(:draft AS JSONB), :revision, NULL, :token,
                    :createdBy, :createdAt, :updatedBy, :updatedAt)
                """)
                .param("id", workflow.id().value())
                .param("projectId", workflow.projectId().value())
                .param("name", workflow.name())
                .param("description", workflow.description())
                .param("draft", codec.toJson(workflow.draft()))
                .param("revision", workflow.draftRevision())
                .param("token", workflow.webhookToken())
                .param("createdBy", workflow.createdBy().value())
                .param("createdAt", Timestamp.from(workflow.createdAt()))
                .param("updatedBy", workflow.updatedBy().value())
                .param("updatedAt", Timestamp.from(workflow.updatedAt()))
                .update();
    }

    public Optional<Workflow> find(WorkflowId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflow_workflows WHERE id = :id")
                .param("id", id.value()).query(this::map).optional();
    }

    /** The row, locked until the transaction ends (versions are numbered under this lock). */
    public Optional<Workflow> lock(WorkflowId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflow_workflows WHERE id = :id FOR UPDATE")
                .param("id", id.value()).query(this::map).optional();
    }

    public Optional<Workflow> findByWebhookToken(String token) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflow_workflows WHERE webhook_token = :token")
                .param("token", token).query(this::map).optional();
    }

    /**
     * Replaces the draft when it is still at {@code expectedRevision}.
     *
     * @return whether it was (false: someone saved in between)
     */
    public boolean updateDraft(Workflow changed, long expectedRevision) {
        return jdbc.sql("""
                UPDATE workflow_workflows SET draft = CAST(:draft AS JSONB), draft_revision = :revision, name = :name,
                    description = :description, updated_by = :updatedBy, updated_at = :updatedAt
                WHERE id = :id AND draft_revision = :expected
                """)
                .param("id", changed.id().value())
                .param("draft", codec.toJson(changed.draft()))
                .param("revision", changed.draftRevision())
                .param("name", changed.name())
                .param("description", changed.description())
                .param("updatedBy", changed.updatedBy().value())
                .param("updatedAt", Timestamp.from(changed.updatedAt()))
                .param("expected", expectedRevision)
                .update() == 1;
    }

    public void activate(WorkflowId id, Integer version) {
        jdbc.sql("UPDATE workflow_workflows SET active_version = :version WHERE id = :id")
                .param("id", id.value()).param("version", version).update();
    }

    public List<Workflow> list(ProjectId project, String query, PageQuery page) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflow_workflows WHERE project_id = :project "
                        + "AND (CAST(:q AS TEXT) IS NULL OR name ILIKE '%' || CAST(:q AS TEXT) || '%') "
                        + "ORDER BY " + page.orderBy() + ", id LIMIT :limit OFFSET :offset")
                .param("project", project.value())
                .param("q", query)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(this::map).list();
    }

    /** The workflows of these projects that have an active version, by project then name. */
    public List<Workflow> listActive(List<ProjectId> projects) {
        if (projects.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflow_workflows WHERE project_id IN (:projects) AND active_version IS NOT NULL "
                        + "ORDER BY project_id, lower(name), id")
                .param("projects", projects.stream().map(ProjectId::value).toList())
                .query(this::map).list();
    }

    public long count(ProjectId project, String query) {
        return jdbc.sql("SELECT count(*) FROM workflow_workflows WHERE project_id = :project "
                        + "AND (CAST(:q AS TEXT) IS NULL OR name ILIKE '%' || CAST(:q AS TEXT) || '%')")
                .param("project", project.value()).param("q", query).query(Long.class).single();
    }

    public void delete(WorkflowId id) {
        jdbc.sql("DELETE FROM workflow_workflows WHERE id = :id").param("id", id.value()).update();
    }

    public int deleteProject(ProjectId project) {
        return jdbc.sql("DELETE FROM workflow_workflows WHERE project_id = :project").param("project", project.value()).update();
    }

    private Workflow map(ResultSet row, int index) throws SQLException {
        Integer active = (Integer) row.getObject("active_version");
        return new Workflow(new WorkflowId(row.getObject("id", UUID.class)), new ProjectId(row.getObject("project_id", UUID.class)),
                row.getString("name"), row.getString("description"), codec.definition(row.getString("draft")),
                row.getLong("draft_revision"), active, row.getString("webhook_token"),
                new UserId(row.getObject("created_by", UUID.class)), row.getTimestamp("created_at").toInstant(),
                new UserId(row.getObject("updated_by", UUID.class)), row.getTimestamp("updated_at").toInstant());
    }
}
