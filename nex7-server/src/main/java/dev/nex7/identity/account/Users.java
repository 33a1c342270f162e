package dev.nex7.identity.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nex7.identity.Role;
import dev.nex7.identity.UserId;
import dev.nex7.platform.PageQuery;

/** The accounts table. */
@Repository
public class Users {

    private static final String COLUMNS = "id, email, name, avatar_url, password_hash, role, created_at, last_login_at";

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Account account) {
        jdbc.sql("""
                INSERT INTO identity_users (id, email, name, avatar_url, password_hash, role, created_at)
                VALUES (:id, :email, :name, :avatarUrl, :passwordHash, :role, :createdAt)
                """)
                .param("id", account.id().value())
                .param("email", account.email())
                .param("name", account.name())
                .param("avatarUrl", account.avatarUrl())
                .param("passwordHash", account.passwordHash())
                .param("role", account.role().id())
                .param("createdAt", Timestamp.from(account.createdAt()))
                .update();
    }

    public Optional<Account> find(UserId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM identity_users WHERE id = :id")
                .param("id", id.value()).query(Users::map).optional();
    }

    public Optional<Account> findByEmail(String normalisedEmail) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM identity_users WHERE email = :email")
                .param("email", normalisedEmail).query(Users::map).optional();
    }

    public List<Account> findAll(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM identity_users WHERE id IN (:ids)")
                .param("ids", ids.stream().map(UserId::value).toList()).query(Users::map).list();
    }

    public boolean existsByEmail(String normalisedEmail) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM identity_users WHERE email = :email)")
                .param("email", normalisedEmail).query(Boolean.class).single();
    }

    public boolean anyExists() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM identity_users)").query(Boolean.class).single();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM identity_users").query(Long.class).single();
    }

    /** A page of accounts; the ORDER BY column comes from {@link PageQuery}'s allow-list only. */
    public List<Account> page(PageQuery query) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM identity_users ORDER BY " + query.orderBy()
                + ", id LIMIT :limit OFFSET :offset")
                .param("limit", query.size()).param("offset", query.offset()).query(Users::map).list();
    }

    public void recordLogin(UserId id, Instant at) {
        jdbc.sql("UPDATE identity_users SET last_login_at = :at WHERE id = :id")
                .param("at", Timestamp.from(at)).param("id", id.value()).update();
    }

    public void updateRole(UserId id, Role role) {
        jdbc.sql("UPDATE identity_users SET role = :role WHERE id = :id")
                .param("role", role.id()).param("id", id.value()).update();
    }

    public void updateProfile(UserId id, String name, String avatarUrl) {
        jdbc.sql("UPDATE identity_users SET name = :name, avatar_url = :avatarUrl WHERE id = :id")
                .param("name", name).param("avatarUrl", avatarUrl).param("id", id.value()).update();
    }

    /** Serialises first-account bootstrap across concurrent registrations and instances. */
    public void lockRegistrations() {
        jdbc.sql("SELECT pg_advisory_xact_lock(7001)").query((org.springframework.jdbc.core.RowCallbackHandler) rs -> { });
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        Timestamp lastLogin = rs.getTimestamp("last_login_at");
        return new Account(new UserId(rs.getObject("id", UUID.class)), rs.getString("email"), rs.getString("name"),
                rs.getString("avatar_url"), rs.getString("password_hash"), Role.of(rs.getString("role")),
                rs.getTimestamp("created_at").toInstant(), lastLogin == null ? null : lastLogin.toInstant());
    }
}
