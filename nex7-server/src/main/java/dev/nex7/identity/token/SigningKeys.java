package dev.nex7.identity.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nex7.platform.secret.Sealed;

/** The persisted key ring. Private keys are stored sealed; rows from before that are plain until resealed. */
@Repository
class SigningKeys {

    /** A stored key: exactly one of {@code plainJwk} (legacy rows) and {@code sealedJwk} is set. */
    record StoredKey(String kid, String algorithm, String plainJwk, Sealed sealedJwk, Instant createdAt,
            Instant retiredAt) {
    }

    private static final String COLUMNS = "kid, algorithm, private_jwk, key_id, sealed_private_jwk, created_at, retired_at";

    private final JdbcClient jdbc;

    SigningKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keys that may still verify tokens: not retired, or retired after {@code verifiableSince}. */
    List<StoredKey> usable(Instant verifiableSince) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM identity_signing_keys "
                + "WHERE retired_at IS NULL OR retired_at > :since ORDER BY created_at DESC")
                .param("since", Timestamp.from(verifiableSince))
                .query(SigningKeys::map).list();
    }

    void insert(String kid, String algorithm, Sealed privateJwk, Instant createdAt) {
        jdbc.sql("""
                INSERT INTO identity_signing_keys (kid, algorithm, key_id, sealed_private_jwk, created_at)
                VALUES (:kid, :algorithm, :keyId, :sealed, :createdAt)
                """)
                .param("kid", kid).param("algorithm", algorithm).param("keyId", privateJwk.keyId())
                .param("sealed", privateJwk.ciphertext()).param("createdAt", Timestamp.from(createdAt)).update();
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

    /** Rows not sealed with {@code activeKeyId} (plain ones included), locked for the rest of the transaction. */
    List<StoredKey> lockNotSealedWith(String activeKeyId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM identity_signing_keys "
                + "WHERE key_id IS DISTINCT FROM :active ORDER BY kid FOR UPDATE")
                .param("active", activeKeyId).query(SigningKeys::map).list();
    }

    /** Stores the key sealed, dropping any plain copy. */
    void replaceSealed(String kid, Sealed privateJwk) {
        jdbc.sql("""
                UPDATE identity_signing_keys SET key_id = :keyId, sealed_private_jwk = :sealed, private_jwk = NULL
                WHERE kid = :kid
                """)
                .param("keyId", privateJwk.keyId()).param("sealed", privateJwk.ciphertext()).param("kid", kid).update();
    }

    Set<String> keyIdsInUse() {
        return Set.copyOf(jdbc.sql("SELECT DISTINCT key_id FROM identity_signing_keys WHERE key_id IS NOT NULL")
                .query(String.class).list());
    }

    private static StoredKey map(ResultSet rs, int row) throws SQLException {
        String keyId = rs.getString("key_id");
        return new StoredKey(rs.getString("kid"), rs.getString("algorithm"), rs.getString("private_jwk"),
                keyId == null ? null : new Sealed(keyId, rs.getBytes("sealed_private_jwk")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("retired_at") == null ? null : rs.getTimestamp("retired_at").toInstant());
    }
}
