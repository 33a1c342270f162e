package dev.nex7.credential.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

import dev.nex7.credential.CredentialId;
import dev.nex7.identity.UserId;
import dev.nex7.platform.PageQuery;
import dev.nex7.platform.secret.Sealed;
import dev.nex7.project.ProjectId;

/** The credentials table. Every read names the project, so an id from another project finds nothing. */
@Repository
public class Credentials {

    private static final String COLUMNS = "c.id, c.project_id, c.kind, c.name, c.fields, c.secret_fields, c.key_id, "
            + "c.secrets, c.created_by, c.created_at, c.updated_at";
    private static final String OF_PROJECT = " FROM credential_credentials c WHERE c.project_id = :project";
    private static final String OF_KINDS = " AND c.kind IN (:kinds)";

    private final JdbcClient jdbc;

    Credentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the project has a credential of this name */
    public void insert(StoredCredential credential) {
        jdbc.sql("""
                INSERT INTO credential_credentials (id, project_id, kind, name, fields, secret_fields, key_id, secrets,
                                                    created_by, created_at, updated_at)
                VALUES (:id, :project, :kind, :name, :fields, :secretFields, :keyId, :secrets,
                        :createdBy, :createdAt, :updatedAt)
                """)
                .param("id", credential.id().value()).param("project", credential.projectId().value())
                .param("kind", credential.kind()).param("name", credential.name()).param("fields", credential.fields())
                .param("secretFields", String.join(",", credential.secretFields()))
                .param("keyId", credential.secrets().keyId()).param("secrets", credential.secrets().ciphertext())
                .param("createdBy", credential.createdBy().value())
                .param("createdAt", Timestamp.from(credential.createdAt()))
                .param("updatedAt", Timestamp.from(credential.updatedAt())).update();
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the project has a credential of the new name */
    public void update(StoredCredential credential) {
        jdbc.sql("""
                UPDATE credential_credentials SET name = :name, fields = :fields, secret_fields = :secretFields,
                       key_id = :keyId, secrets = :secrets, updated_at = :updatedAt
                WHERE id = :id AND project_id = :project
                """)
                .param("id", credential.id().value()).param("project", credential.projectId().value())
                .param("name", credential.name()).param("fields", credential.fields())
                .param("secretFields", String.join(",", credential.secretFields()))
                .param("keyId", credential.secrets().keyId()).param("secrets", credential.secrets().ciphertext())
                .param("updatedAt", Timestamp.from(credential.updatedAt())).update();
    }

    public boolean delete(ProjectId project, CredentialId id) {
        return jdbc.sql("DELETE FROM credential_credentials WHERE id = :id AND project_id = :project")
                .param("id", id.value()).param("project", project.value()).update() > 0;
    }

    public Optional<StoredCredential> find(ProjectId project, CredentialId id) {
        return jdbc.sql("SELECT " + COLUMNS + OF_PROJECT + " AND c.id = :id")
                .param("project", project.value()).param("id", id.value()).query(Credentials::map).optional();
    }

    /** Like {@link #find}, and locks the row for the rest of the transaction. */
    public Optional<StoredCredential> lock(ProjectId project, CredentialId id) {
        return jdbc.sql("SELECT " + COLUMNS + OF_PROJECT + " AND c.id = :id FOR UPDATE")
                .param("project", project.value()).param("id", id.value()).query(Credentials::map).optional();
    }

    /** One page of the project's credentials, of any kind when {@code kinds} is empty. */
    public List<StoredCredential> page(ProjectId project, List<String> kinds, PageQuery query) {
        // The ORDER BY column comes from PageQuery's allow-list; everything else is bound.
        String sql = "SELECT " + COLUMNS + OF_PROJECT + (kinds.isEmpty() ? "" : OF_KINDS) + " ORDER BY "
                + query.orderBy() + ", c.id LIMIT :limit OFFSET :offset";
        return withKinds(jdbc.sql(sql).param("project", project.value()), kinds)
                .param("limit", query.size()).param("offset", query.offset()).query(Credentials::map).list();
    }

    public long count(ProjectId project, List<String> kinds) {
        return withKinds(jdbc.sql("SELECT count(*)" + OF_PROJECT + (kinds.isEmpty() ? "" : OF_KINDS))
                .param("project", project.value()), kinds).query(Long.class).single();
    }

    /** Rows sealed with another key than {@code keyId}, locked for the rest of the transaction. */
    public List<StoredCredential> lockNotSealedWith(String keyId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM credential_credentials c WHERE c.key_id <> :keyId ORDER BY c.id"
                + " FOR UPDATE").param("keyId", keyId).query(Credentials::map).list();
    }

    /** Replaces the sealed secrets only; the rest of the row, and so their context, stays. */
    public void replaceSecrets(CredentialId id, Sealed secrets) {
        jdbc.sql("UPDATE credential_credentials SET key_id = :keyId, secrets = :secrets WHERE id = :id")
                .param("keyId", secrets.keyId()).param("secrets", secrets.ciphertext()).param("id", id.value()).update();
    }

    public Set<String> keyIdsInUse() {
        return Set.copyOf(jdbc.sql("SELECT DISTINCT key_id FROM credential_credentials").query(String.class).list());
    }

    private static StatementSpec withKinds(StatementSpec statement, List<String> kinds) {
        return kinds.isEmpty() ? statement : statement.param("kinds", kinds);
    }

    private static StoredCredential map(ResultSet rs, int row) throws SQLException {
        String secretFields = rs.getString("secret_fields");
        return new StoredCredential(new CredentialId(rs.getObject("id", UUID.class)),
                new ProjectId(rs.getObject("project_id", UUID.class)), rs.getString("kind"), rs.getString("name"),
                rs.getString("fields"), secretFields.isEmpty() ? List.of() : Arrays.asList(secretFields.split(",")),
                new Sealed(rs.getString("key_id"), rs.getBytes("secrets")),
                new UserId(rs.getObject("created_by", UUID.class)), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
