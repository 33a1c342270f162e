package dev.nex7.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;

class IdentityIntegrationTests extends IntegrationTest {

    @Test
    void registrationNormalisesTheEmailAndNeverShowsThePasswordHash() {
        Response created = api.post("/api/auth/register")
                .json(Api.map("email", "  Grace.Hopper@Example.COM ", "password", PASSWORD, "name", " Grace "))
                .send();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/me");
        assertThat(created.json().path("email").asString()).isEqualTo("grace.hopper@example.com");
        assertThat(created.json().path("name").asString()).isEqualTo("Grace");
        assertThat(created.json().path("role").asString()).isEqualTo("user");
        assertThat(created.text()).doesNotContain("password", "argon2", PASSWORD);
    }

    @Test
    void registrationReportsEveryInvalidFieldAtOnce() {
        Response refused = api.post("/api/auth/register")
                .json(Api.map("email", "not-an-email", "password", "short", "name", "")).send();

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.problemType()).isEqualTo("validation-failed");
        assertThat(Api.fields(refused)).containsExactlyInAnyOrder("email", "password", "name");
        assertThat(refused.json().path("requestId").asString()).isNotBlank();
    }

    @Test
    void passwordPolicyRefusesCommonPasswordsAndTheEmail() {
        for (String password : List.of("password1234", "Password12345!", "qwertyuiop123", "aaaaaaaaaaaaaa",
                "dragondragondragon", "rosalind.franklin@example.com")) {
            Response refused = api.post("/api/auth/register")
                    .json(Api.map("email", "rosalind.franklin@example.com", "password", password, "name", "Rosalind"))
                    .send();
            assertThat(refused.status()).as(password).isEqualTo(400);
            assertThat(Api.fields(refused)).as(password).containsExactly("password");
        }
    }

    @Test
    void aTakenEmailIsRefusedWhateverItsCase() {
        Session existing = newUser("Taken");

        Response refused = api.post("/api/auth/register")
                .json(Api.map("email", existing.email().toUpperCase(), "password", PASSWORD, "name", "Other")).send();

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.problemType()).isEqualTo("email-unavailable");
    }

    @Test
    void registrationPayloadCannotAssignARole() {
        Response refused = api.post("/api/auth/register").json(Api.map("email", "mallory@example.com", "password",
                PASSWORD, "name", "Mallory", "role", "admin")).send();

        assertThat(refused.status()).isEqualTo(400);
        assertThat(Api.fields(refused)).containsExactly("role");
        assertThat(api.post("/api/auth/login").json(Api.map("email", "mallory@example.com", "password", PASSWORD))
                .send().status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        Session user = newUser("Careful");

        Response wrongPassword = api.post("/api/auth/login")
                .json(Api.map("email", user.email(), "password", "Not-The-Password-1")).send();
        Response unknown = api.post("/api/auth/login")
                .json(Api.map("email", "nobody-at-all@example.com", "password", PASSWORD)).send();

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrongPassword.json().path("detail")).isEqualTo(unknown.json().path("detail"));
        assertThat(wrongPassword.problemType()).isEqualTo("invalid-credentials");
    }

    @Test
    void loginReturnsABearerPairAndRecordsTheSignIn() {
        Session user = newUser("Ada");

        Response me = api.get("/api/me").token(user.accessToken()).send();

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("email").asString()).isEqualTo(user.email());
        assertThat(me.json().path("lastLoginAt").asString()).isNotBlank();
        assertThat(user.refreshToken()).hasSizeGreaterThan(40);
    }

    @Test
    void aUserCanChangeTheirProfileButNotTheirRole() {
        Session user = newUser("Linus");

        Response renamed = api.patch("/api/me").token(user.accessToken())
                .json(Api.map("name", "Linus T", "avatarUrl", "https://example.com/a.png")).send();
        Response roleAttempt = api.patch("/api/me").token(user.accessToken())
                .json(Api.map("name", "Linus", "role", "admin")).send();
        Response cleared = api.patch("/api/me").token(user.accessToken()).json("{\"avatarUrl\":null}").send();

        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().path("name").asString()).isEqualTo("Linus T");
        assertThat(roleAttempt.status()).isEqualTo(400);
        assertThat(Api.fields(roleAttempt)).containsExactly("role");
        assertThat(cleared.json().path("avatarUrl").isNull()).isTrue();
        assertThat(cleared.json().path("name").asString()).isEqualTo("Linus T");
        assertThat(cleared.json().path("role").asString()).isEqualTo("user");
    }

    @Test
    void onlyAdminsListUsersAndChangeRoles() {
        Session admin = admin();
        Session user = newUser("Plain");

        assertThat(api.get("/api/admin/users").token(user.accessToken()).send().status()).isEqualTo(403);
        assertThat(api.patch("/api/admin/users/" + user.id()).token(user.accessToken())
                .json(Api.map("role", "admin")).send().status()).isEqualTo(403);

        Response list = api.get("/api/admin/users?size=100&sort=email,asc").token(admin.accessToken()).send();
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("totalItems").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(list.text()).doesNotContain("password");

        Response promoted = api.patch("/api/admin/users/" + user.id()).token(admin.accessToken())
                .json(Api.map("role", "admin")).send();
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().path("role").asString()).isEqualTo("admin");
        assertThat(api.get("/api/admin/users").token(user.accessToken()).send().status()).isEqualTo(200);

        Response demoted = api.patch("/api/admin/users/" + user.id()).token(admin.accessToken())
                .json(Api.map("role", "user")).send();
        assertThat(demoted.json().path("role").asString()).isEqualTo("user");
        assertThat(api.get("/api/admin/users").token(user.accessToken()).send().status())
                .as("a demotion takes effect at once").isEqualTo(403);
    }

    @Test
    void anAdminCannotChangeTheirOwnRole() {
        Session admin = admin();

        Response refused = api.patch("/api/admin/users/" + admin.id()).token(admin.accessToken())
                .json(Api.map("role", "user")).send();

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.problemType()).isEqualTo("own-role-change");
        assertThat(api.get("/api/me").token(admin.accessToken()).send().json().path("role").asString())
                .isEqualTo("admin");
    }

    @Test
    void adminUserListRefusesSortingByUnlistedColumns() {
        Session admin = admin();

        Response refused = api.get("/api/admin/users?sort=password_hash,asc").token(admin.accessToken()).send();

        assertThat(refused.status()).isEqualTo(400);
        assertThat(Api.fields(refused)).containsExactly("sort");
    }

    @Test
    void roleInheritanceAdminIncludesUser() {
        assertThat(Role.ADMIN.includes(Role.USER)).isTrue();
        assertThat(Role.USER.includes(Role.ADMIN)).isFalse();
    }
}
