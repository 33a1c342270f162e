package dev.nex7.platform.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import dev.nex7.credential.CredentialId;
import dev.nex7.credential.CredentialVault;
import dev.nex7.credential.persistence.Credentials;
import dev.nex7.credential.persistence.StoredCredential;
import dev.nex7.identity.token.KeyRing;
import dev.nex7.platform.database.DatabaseSettings;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;

/** Master key rotation over the real tables: credentials and identity signing keys. */
class SecretRotationIntegrationTests extends IntegrationTest {

    @Autowired
    SecretBox box;

    @Autowired
    SecretRotation rotation;

    @Autowired
    SecretSettings settings;

    @Autowired
    DatabaseSettings database;

    @Autowired
    CredentialVault vault;

    @Autowired
    Credentials credentials;

    @Autowired
    KeyRing keyRing;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRotationReencryptsEveryCredentialAndSigningKeyAndRetiresTheOldKey() {
        Session admin = admin();
        String project = api.post("/api/projects").token(admin.accessToken()).json(Api.map("name", "Rotate", "type",
                "api")).send().json().path("id").asString();
        String token = create(admin, project, Api.map("kind", "github", "name", "GitHub", "data",
                Api.map("token", "ghp-rotation-1")));
        String database = create(admin, project, Api.map("kind", "mysql", "name", "Shop", "data", Api.map("host",
                "mysql.internal", "database", "shop", "username", "shop", "password", "mysql-pass-1")));
        String old = box.activeKeyId();

        Response rotated = api.post("/api/admin/secrets/rotate").token(admin.accessToken()).send();

        String fresh = rotated.json().path("activeKeyId").asString();
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(fresh).isNotEqualTo(old).isEqualTo(box.activeKeyId());
        assertThat(rotated.json().path("resealedRecords").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(rotated.json().path("retiredKeyIds").get(0).asString()).isEqualTo(old);
        assertThat(keyIds("SELECT DISTINCT key_id FROM credential_credentials")).containsExactly(fresh);
        assertThat(keyIds("SELECT DISTINCT key_id FROM identity_signing_keys")).containsExactly(fresh);
        assertThat(open(project, token).require("token")).isEqualTo("ghp-rotation-1");
        assertThat(open(project, database).require("password")).isEqualTo("mysql-pass-1");
        assertThat(api.get("/api/me").token(admin.accessToken()).send().status()).isEqualTo(200);

        // As after a restart: a new box over the same key file reads what the rotation wrote.
        SecretBox restarted = SecretBox.load(settings, this.database.dataDir());
        assertThat(restarted.keyIds()).containsExactly(fresh);
        StoredCredential row = credentials.find(projectId(project), CredentialId.parse(database)).orElseThrow();
        assertThat(restarted.openString(row.secrets(), row.sealContext())).contains("mysql-pass-1");
        String kid = keyRing.signingKey().getKeyID();
        assertThat(restarted.openString(sealedSigningKey(kid), "identity-signing-key:" + kid)).contains("\"d\"");
    }

    @Test
    void onlyAdminsRotateTheMasterKey() {
        Session user = newUser("Ambitious");
        String before = box.activeKeyId();

        Response byUser = api.post("/api/admin/secrets/rotate").token(user.accessToken()).send();
        Response anonymous = api.post("/api/admin/secrets/rotate").send();

        assertThat(byUser.status()).isEqualTo(403);
        assertThat(byUser.problemType()).isEqualTo("forbidden");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(box.activeKeyId()).isEqualTo(before);
    }

    @Test
    void signingKeysAreStoredSealedWithNoPlainPrivateKeyInTheTable() {
        ECKey signing = keyRing.signingKey();

        List<Map<String, Object>> rows = jdbc.sql("SELECT private_jwk, key_id, sealed_private_jwk FROM identity_signing_keys")
                .query().listOfRows();

        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("private_jwk")).isNull();
            assertThat(row.get("key_id")).isNotNull();
            String raw = new String((byte[]) row.get("sealed_private_jwk"), StandardCharsets.ISO_8859_1);
            assertThat(raw).doesNotContain("\"d\"").doesNotContain("PRIVATE KEY").doesNotContain(signing.getD().toString());
        });
    }

    @Test
    void signingKeysStoredInPlainTextBeforeEncryptionAreSealedOnStart() throws Exception {
        ECKey legacy = new ECKeyGenerator(Curve.P_256).keyID("legacy-" + UUID.randomUUID()).generate();
        Timestamp longAgo = Timestamp.from(Instant.parse("2020-01-01T00:00:00Z"));
        // A row as NEX7 wrote it before V6, retired long ago so it signs and verifies nothing here.
        jdbc.sql("INSERT INTO identity_signing_keys (kid, algorithm, private_jwk, created_at, retired_at)"
                + " VALUES (:kid, 'ES256', :jwk, :at, :at)")
                .param("kid", legacy.getKeyID()).param("jwk", legacy.toJSONString()).param("at", longAgo).update();

        SecretRotation.Outcome outcome = rotation.resealAll(); // what start-up runs

        assertThat(outcome.resealedRecords()).isGreaterThanOrEqualTo(1);
        Map<String, Object> row = jdbc.sql("SELECT private_jwk, key_id FROM identity_signing_keys WHERE kid = :kid")
                .param("kid", legacy.getKeyID()).query().singleRow();
        assertThat(row.get("private_jwk")).isNull();
        assertThat(row.get("key_id")).isEqualTo(box.activeKeyId());
        assertThat(ECKey.parse(box.openString(sealedSigningKey(legacy.getKeyID()), "identity-signing-key:"
                + legacy.getKeyID()))).isEqualTo(legacy);
    }

    private String create(Session user, String project, Object body) {
        return api.post("/api/projects/" + project + "/credentials").token(user.accessToken()).json(body).send().json()
                .path("id").asString();
    }

    private dev.nex7.plugin.node.Credential open(String project, String id) {
        return vault.open(projectId(project), CredentialId.parse(id), List.of());
    }

    private Sealed sealedSigningKey(String kid) {
        Map<String, Object> row = jdbc.sql("SELECT key_id, sealed_private_jwk FROM identity_signing_keys WHERE kid = :kid")
                .param("kid", kid).query().singleRow();
        return new Sealed((String) row.get("key_id"), (byte[]) row.get("sealed_private_jwk"));
    }

    private List<String> keyIds(String query) {
        return jdbc.sql(query).query(String.class).list();
    }

    private static ProjectId projectId(String id) {
        return new ProjectId(UUID.fromString(id));
    }
}
