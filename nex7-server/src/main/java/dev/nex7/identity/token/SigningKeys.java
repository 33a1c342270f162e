package dev.nex7.identity.token;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The persisted key ring. */
@Repository
class SigningKeys {

    record StoredKey(String kid, String algorithm, String privateJwk, Instant createdAt, Instant retiredAt) {
    }

    private final JdbcClient jdbc;

    SigningKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keys that may still verify tokens: not retired, or retired after {@code verifiableSince}. */
    List<StoredKey> usable(Instant verifiableSince) {
        return jdbc.sql("""
                SELECT kid, algorithm, private_jwk, created_at, retired_at FROM identity_signing_keys
                WHERE retired_at IS NULL OR retired_at > :since ORDER BY created_at DESC
                """)
                .param("since", Timestamp.from(verifiableSince))
                .query((rs, row) -> new StoredKey(rs.getString("kid"), rs.getString("algorithm"),
                        rs.getString("private_jwk"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("retired_at") == null ? null : rs.getTimestamp("retired_at").toInstant()))
                .list();
    }

    void insert(String kid, String algorithm, String privateJwk, Instant createdAt) {
        jdbc.sql("""
                INSERT INTO identity_signing_keys (kid, algorithm, private_jwk, created_at)
                VALUES (:kid, :algorithm, :privateJwk, :createdAt)
                """)
                .param("kid", kid).param("algorithm", algorithm).param("privateJwk", privateJwk)
                .param("createdAt", Timestamp.from(createdAt)).update();
    }

    void retireAllExcept(String kid, Instant at) {
        jdbc.sql("UPDATE identity_signing_keys SET retired_at = :at WHERE retired_at IS NULL AND kid <> :kid")
                .param("at", Timestamp.from(at)).param("kid", kid).update();
    }

    /** Serialises key creation across instances sharing the database. */
    void lock() {
        jdbc.sql("SELECT pg_advisory_xact_lock(7002)").query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
        });
    }
}
