package dev.nex7.identity.token;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nex7.identity.UserId;

/** Refresh tokens, by hash; the raw token is never stored. */
@Repository
class RefreshTokens {

    /** What a successful rotation hands back: the family and its absolute expiry. */
    record Spent(UUID familyId, UserId userId, Instant expiresAt) {
    }

    /** A token as found, whatever its state. */
    record Found(UUID familyId, boolean used, boolean revoked, Instant expiresAt) {
    }

    private final JdbcClient jdbc;

    RefreshTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID familyId, UserId userId, String tokenHash, Instant issuedAt, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO identity_refresh_tokens (id, family_id, user_id, token_hash, issued_at, expires_at)
                VALUES (:id, :familyId, :userId, :hash, :issuedAt, :expiresAt)
                """)
                .param("id", UUID.randomUUID()).param("familyId", familyId).param("userId", userId.value())
                .param("hash", tokenHash).param("issuedAt", Timestamp.from(issuedAt))
                .param("expiresAt", Timestamp.from(expiresAt)).update();
    }

    /**
     * Marks a live token as used, in one statement: under concurrent presentations of the same
     * token the row lock lets exactly one caller through.
     */
    Optional<Spent> spend(String tokenHash, Instant now) {
        return jdbc.sql("""
                UPDATE identity_refresh_tokens SET used_at = :now
                WHERE token_hash = :hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now
                RETURNING family_id, user_id, expires_at
                """)
                .param("now", Timestamp.from(now)).param("hash", tokenHash)
                .query((rs, row) -> new Spent(rs.getObject("family_id", UUID.class),
                        new UserId(rs.getObject("user_id", UUID.class)), rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    Optional<Found> find(String tokenHash) {
        return jdbc.sql("""
                SELECT family_id, used_at IS NOT NULL AS used, revoked_at IS NOT NULL AS revoked, expires_at
                FROM identity_refresh_tokens WHERE token_hash = :hash
                """)
                .param("hash", tokenHash)
                .query((rs, row) -> new Found(rs.getObject("family_id", UUID.class), rs.getBoolean("used"),
                        rs.getBoolean("revoked"), rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    int revokeFamily(UUID familyId, Instant now) {
        return jdbc.sql("UPDATE identity_refresh_tokens SET revoked_at = :now WHERE family_id = :family AND revoked_at IS NULL")
                .param("now", Timestamp.from(now)).param("family", familyId).update();
    }

    int revokeAllOf(UserId userId, Instant now) {
        return jdbc.sql("UPDATE identity_refresh_tokens SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL")
                .param("now", Timestamp.from(now)).param("user", userId.value()).update();
    }

    /** Drops tokens whose sign-in ended long enough ago that reuse detection no longer needs them. */
    int deleteExpiredBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM identity_refresh_tokens WHERE expires_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff)).update();
    }
}
