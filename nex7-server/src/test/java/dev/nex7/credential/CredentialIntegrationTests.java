package dev.nex7.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import dev.nex7.identity.UserId;
import dev.nex7.plugin.node.Credential;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Call;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

@RecordApplicationEvents
class CredentialIntegrationTests extends IntegrationTest {

    @Autowired
    CredentialVault vault;

    @Autowired
    CredentialCatalog catalog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    @Test
    void anEditorCreatesReadsListsEditsAndDeletesACredential() {
        Session owner = newUser("Keeper");
        String project = project(owner);

        Response created = create(owner, project, Api.map("kind", "postgres", "name", " Orders DB ", "data",
                Api.map("host", "db.internal", "database", "orders", "username", "app", "password", "pg-pass-1")));
        String id = created.json().path("id").asString();
        String base = "/api/projects/" + project + "/credentials/";
        Response read = api.get(base + id).token(owner.accessToken()).send();
        Response listed = api.get("/api/projects/" + project + "/credentials").token(owner.accessToken()).send();
        Response edited = api.patch(base + id).token(owner.accessToken())
                .json(Api.map("name", "Orders", "data", Api.map("ssl", "verify-full"))).send();
        Response deleted = api.delete(base + id).token(owner.accessToken()).send();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(base + id);
        JsonNode view = created.json();
        assertThat(view.path("kind").asString()).isEqualTo("postgres");
        assertThat(view.path("name").asString()).isEqualTo("Orders DB");
        assertThat(view.path("data").path("host").asString()).isEqualTo("db.internal");
        assertThat(view.path("data").path("port").asInt()).as("the default port").isEqualTo(5432);
        assertThat(view.path("data").path("ssl").asString()).as("the default ssl mode").isEqualTo("require");
        assertThat(view.path("data").has("password")).isFalse();
        assertThat(strings(view.path("secretFieldsSet"))).containsExactly("password");
        assertThat(view.path("createdBy").asString()).isEqualTo(owner.id().toString());
        assertThat(view.path("createdAt").asString()).isNotBlank();
        assertThat(read.json()).isEqualTo(view);
        assertThat(listed.json().path("totalItems").asLong()).isEqualTo(1);
        assertThat(listed.json().path("items").get(0)).isEqualTo(view);
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().path("name").asString()).isEqualTo("Orders");
        assertThat(edited.json().path("data").path("ssl").asString()).isEqualTo("verify-full");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get(base + id).token(owner.accessToken()).send().problemType()).isEqualTo("credential-not-found");
        assertThat(api.delete(base + id).token(owner.accessToken()).send().status()).isEqualTo(404);
    }

    @Test
    void aPatchKeepsTheSecretsItLeavesOutAndNullClearsOptionalFields() {
        Session owner = newUser("Patcher");
        String project = project(owner);
        String id = create(owner, project, Api.map("kind", "smtp", "name", "Mail", "data", Api.map("host",
                "smtp.example.com", "username", "mailer", "password", "smtp-pass-1", "from", "bot@example.com")))
                .json().path("id").asString();
        String path = "/api/projects/" + project + "/credentials/" + id;

        Response hostChanged = api.patch(path).token(owner.accessToken())
                .json(Api.map("data", Api.map("host", "smtp2.example.com", "port", 465, "security", "tls"))).send();
        Credential afterHostChange = open(project, id, List.of("smtp"));
        Response cleared = api.patch(path).token(owner.accessToken())
                .json("{\"data\":{\"username\":null,\"password\":null}}").send();
        Response requiredCleared = api.patch(path).token(owner.accessToken()).json("{\"data\":{\"host\":null}}").send();
        Response nullData = api.patch(path).token(owner.accessToken()).json("{\"data\":null}").send();

        assertThat(hostChanged.status()).isEqualTo(200);
        assertThat(strings(hostChanged.json().path("secretFieldsSet"))).containsExactly("password");
        assertThat(afterHostChange.fields()).containsEntry("password", "smtp-pass-1")
                .containsEntry("host", "smtp2.example.com").containsEntry("port", "465")
                .containsEntry("security", "tls").containsEntry("username", "mailer");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().path("secretFieldsSet").isEmpty()).isTrue();
        assertThat(cleared.json().path("data").has("username")).isFalse();
        assertThat(open(project, id, List.of("smtp")).fields()).doesNotContainKeys("password", "username");
        assertThat(requiredCleared.status()).isEqualTo(400);
        assertThat(Api.fields(requiredCleared)).containsExactly("data.host");
        assertThat(nullData.status()).isEqualTo(400);
        assertThat(Api.fields(nullData)).containsExactly("data");
        assertThat(open(project, id, List.of()).fields()).containsEntry("host", "smtp2.example.com");
    }

    @Test
    void viewersReadButOnlyEditorsWrite() {
        Session owner = newUser("Lead");
        Session editor = newUser("Dev");
        Session viewer = newUser("Watcher");
        String project = project(owner);
        addMember(owner, project, editor, "editor");
        addMember(owner, project, viewer, "viewer");
        String base = "/api/projects/" + project + "/credentials";

        Response byEditor = create(editor, project, bearer("Deploy hook", "tok-1"));
        String id = byEditor.json().path("id").asString();
        Response viewerCreate = create(viewer, project, bearer("Mine", "tok-2"));
        Response viewerEdit = api.patch(base + "/" + id).token(viewer.accessToken()).json(Api.map("name", "x")).send();
        Response viewerDelete = api.delete(base + "/" + id).token(viewer.accessToken()).send();

        assertThat(byEditor.status()).isEqualTo(201);
        assertThat(viewerCreate.status()).isEqualTo(403);
        assertThat(viewerCreate.problemType()).isEqualTo("project-role-too-low");
        assertThat(viewerEdit.status()).isEqualTo(403);
        assertThat(viewerDelete.status()).isEqualTo(403);
        assertThat(api.get(base + "/" + id).token(viewer.accessToken()).send().status()).isEqualTo(200);
        assertThat(api.get(base).token(viewer.accessToken()).send().json().path("totalItems").asLong()).isEqualTo(1);
        assertThat(api.patch(base + "/" + id).token(editor.accessToken()).json(Api.map("name", "Hook")).send().status())
                .isEqualTo(200);
        assertThat(api.delete(base + "/" + id).token(editor.accessToken()).send().status()).isEqualTo(204);
    }

    @Test
    void aNonMemberGetsNotFoundOnEveryCredentialRoute() {
        Session owner = newUser("Holder");
        Session outsider = newUser("Stranger");
        String project = project(owner);
        String id = create(owner, project, bearer("Token", "tok-3")).json().path("id").asString();
        String base = "/api/projects/" + project + "/credentials";

        List<Call> calls = List.of(api.get(base), api.post(base).json(bearer("Mine", "tok-4")), api.get(base + "/" + id),
                api.patch(base + "/" + id).json(Api.map("name", "Mine")), api.delete(base + "/" + id));
        for (Call call : calls) {
            Response answer = call.token(outsider.accessToken()).send();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(answer.problemType()).isEqualTo("project-not-found");
        }
        String otherProject = project(outsider);
        Response elsewhere = api.get("/api/projects/" + otherProject + "/credentials/" + id).token(outsider.accessToken())
                .send();
        assertThat(elsewhere.status()).as("a credential is found through its own project only").isEqualTo(404);
        assertThat(elsewhere.problemType()).isEqualTo("credential-not-found");
    }

    @Test
    void invalidCredentialsAreRefusedWithEveryFieldNamed() {
        Session owner = newUser("Careless");
        String project = project(owner);

        Response unknownKind = create(owner, project, Api.map("kind", "ftp", "name", "", "data", Api.map()));
        Response badSmtp = create(owner, project, Api.map("kind", "smtp", "name", "Mail", "data", Api.map("host", "  ",
                "port", 70000, "security", "ssl", "from", "not-an-address", "password", 42, "relay", "x")));
        Response badPostgres = create(owner, project, Api.map("kind", "postgres", "name", "DB", "data", Api.map("host",
                "db", "port", "5432", "database", "d", "username", "u", "ssl", "disable")));
        Response badHeader = create(owner, project, Api.map("kind", "http-header", "name", "Header", "data",
                Api.map("name", "X Bad: header", "value", "v")));
        Response badUrl = create(owner, project, Api.map("kind", "openai", "name", "AI", "data",
                Api.map("apiKey", "sk-1", "baseUrl", "file:///etc/passwd")));
        Response noData = create(owner, project, Api.map("kind", "github", "name", "GH"));
        Response notAnObject = create(owner, project, Api.map("kind", "github", "name", "GH", "data", "tok"));

        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(Api.fields(unknownKind)).containsExactly("kind", "name");
        assertThat(Api.fields(badSmtp)).containsExactlyInAnyOrder("data.relay", "data.host", "data.port",
                "data.password", "data.security", "data.from");
        assertThat(message(badSmtp, "data.port")).isEqualTo("must be a whole number from 1 to 65535");
        assertThat(message(badSmtp, "data.security")).isEqualTo("must be one of none, starttls, tls");
        assertThat(message(badSmtp, "data.host")).isEqualTo("is required");
        assertThat(Api.fields(badPostgres)).containsExactly("data.port");
        assertThat(Api.fields(badHeader)).containsExactly("data.name");
        assertThat(Api.fields(badUrl)).containsExactly("data.baseUrl");
        assertThat(Api.fields(noData)).containsExactly("data.token");
        assertThat(Api.fields(notAnObject)).containsExactly("data");
        assertThat(api.get("/api/projects/" + project + "/credentials").token(owner.accessToken()).send().json()
                .path("totalItems").asLong()).isZero();
    }

    @Test
    void namesAreUniquePerProjectIgnoringCase() {
        Session owner = newUser("Namer");
        String project = project(owner);
        String other = project(owner);
        create(owner, project, bearer("Stripe", "tok-5"));
        String second = create(owner, project, bearer("Slack", "tok-6")).json().path("id").asString();

        Response duplicate = create(owner, project, bearer("stripe", "tok-7"));
        Response renamed = api.patch("/api/projects/" + project + "/credentials/" + second).token(owner.accessToken())
                .json(Api.map("name", "STRIPE")).send();
        Response elsewhere = create(owner, other, bearer("Stripe", "tok-8"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.problemType()).isEqualTo("credential-name-taken");
        assertThat(renamed.status()).isEqualTo(409);
        assertThat(elsewhere.status()).isEqualTo(201);
    }

    @Test
    void theListIsPaginatedSortedAndFilteredByKind() {
        Session owner = newUser("Collector");
        String project = project(owner);
        create(owner, project, bearer("delta", "t"));
        create(owner, project, bearer("Alpha", "t"));
        create(owner, project, Api.map("kind", "github", "name", "charlie", "data", Api.map("token", "t")));
        create(owner, project, Api.map("kind", "hmac", "name", "Bravo", "data", Api.map("secret", "t")));
        String base = "/api/projects/" + project + "/credentials";

        Response page = api.get(base + "?sort=name,asc&size=2&page=1").token(owner.accessToken()).send();
        Response byKind = api.get(base + "?kind=github&kind=hmac").token(owner.accessToken()).send();

        assertThat(names(page)).containsExactly("charlie", "delta");
        assertThat(page.json().path("totalPages").asInt()).isEqualTo(2);
        assertThat(names(byKind)).containsExactly("Bravo", "charlie");
        assertThat(byKind.json().path("totalItems").asLong()).isEqualTo(2);
        assertThat(api.get(base + "?kind=ftp").token(owner.accessToken()).send().status()).isEqualTo(400);
        assertThat(api.get(base + "?sort=secrets").token(owner.accessToken()).send().status()).isEqualTo(400);
    }

    @Test
    void theKindsEndpointDescribesEveryKindAndItsFields() {
        Session user = newUser("Former");

        Response kinds = api.get("/api/credential-kinds").token(user.accessToken()).send();

        List<String> ids = new ArrayList<>();
        kinds.json().forEach(kind -> ids.add(kind.path("id").asString()));
        assertThat(ids).containsExactly("http-bearer", "http-basic", "http-header", "smtp", "postgres", "mysql", "hmac",
                "github", "vercel", "anthropic", "openai", "environment-variable");
        JsonNode variable = kinds.json().get(11).path("fields");
        assertThat(fieldNames(variable)).containsExactly("name", "value");
        assertThat(variable.get(0).path("pattern").asString()).isEqualTo("[A-Za-z_][A-Za-z0-9_]*");
        assertThat(variable.get(1).path("secret").asBoolean()).isTrue();
        JsonNode smtp = kinds.json().get(3).path("fields");
        assertThat(fieldNames(smtp)).containsExactly("host", "port", "username", "password", "security", "from");
        assertThat(smtp.get(1).path("type").asString()).isEqualTo("integer");
        assertThat(smtp.get(1).path("min").asInt()).isEqualTo(1);
        assertThat(smtp.get(1).path("max").asInt()).isEqualTo(65535);
        assertThat(smtp.get(3).path("secret").asBoolean()).isTrue();
        assertThat(smtp.get(3).path("required").asBoolean()).isFalse();
        assertThat(smtp.get(4).path("type").asString()).isEqualTo("enum");
        assertThat(strings(smtp.get(4).path("values"))).containsExactly("none", "starttls", "tls");
        assertThat(smtp.get(0).path("secret").asBoolean()).isFalse();
        assertThat(smtp.get(0).path("required").asBoolean()).isTrue();
        assertThat(fieldNames(kinds.json().get(8).path("fields"))).containsExactly("token", "teamId");
        assertThat(kinds.json().get(10).path("fields").get(1).path("type").asString()).isEqualTo("url");
        assertThat(api.get("/api/credential-kinds").send().status()).isEqualTo(401);
    }

    @Test
    void theVaultOpensACredentialOnlyForItsProjectAndAnAcceptedKind() {
        Session owner = newUser("Runner");
        String project = project(owner);
        String other = project(owner);
        String id = create(owner, project, Api.map("kind", "http-basic", "name", "API", "data",
                Api.map("username", "robot", "password", "basic-pass-1"))).json().path("id").asString();
        CredentialId credential = CredentialId.parse(id);

        Credential opened = vault.open(projectId(project), credential, List.of("http-basic", "http-bearer"));

        assertThat(opened.id()).isEqualTo(id);
        assertThat(opened.kind()).isEqualTo("http-basic");
        assertThat(opened.fields()).isEqualTo(Map.of("username", "robot", "password", "basic-pass-1"));
        assertThat(vault.find(projectId(project), credential)).contains(new CredentialSummary(credential, "http-basic", "API"));
        assertThat(vault.find(projectId(other), credential)).isEmpty();
        assertThatThrownBy(() -> vault.open(projectId(other), credential, List.of("http-basic")))
                .isInstanceOfSatisfying(CredentialUnavailable.class,
                        e -> assertThat(e.reason()).isEqualTo(CredentialUnavailable.Reason.NOT_FOUND));
        assertThatThrownBy(() -> vault.open(projectId(project), credential, List.of("smtp")))
                .isInstanceOfSatisfying(CredentialUnavailable.class,
                        e -> assertThat(e.reason()).isEqualTo(CredentialUnavailable.Reason.WRONG_KIND))
                .hasMessageContaining("http-basic").hasMessageNotContaining("basic-pass-1");
        assertThatThrownBy(() -> CredentialId.parse("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCredentialWhoseRowWasAlteredDoesNotOpen() {
        Session owner = newUser("Guarded");
        String project = project(owner);
        String id = create(owner, project, Api.map("kind", "postgres", "name", "DB", "data", Api.map("host",
                "db.internal", "database", "app", "username", "app", "password", "pg-pass-2"))).json().path("id").asString();

        // Someone with write access to the database points the password at their own server.
        jdbc.sql("UPDATE credential_credentials SET fields = replace(fields, 'db.internal', 'evil.example') WHERE id = :id")
                .param("id", UUID.fromString(id)).update();

        assertThatThrownBy(() -> vault.open(projectId(project), CredentialId.parse(id), List.of("postgres")))
                .isInstanceOfSatisfying(CredentialUnavailable.class,
                        e -> assertThat(e.reason()).isEqualTo(CredentialUnavailable.Reason.UNREADABLE));
        Response keepingTheSecret = api.patch("/api/projects/" + project + "/credentials/" + id)
                .token(owner.accessToken()).json(Api.map("data", Api.map("host", "db.internal"))).send();
        Response reenteringIt = api.patch("/api/projects/" + project + "/credentials/" + id)
                .token(owner.accessToken()).json(Api.map("data", Api.map("host", "db.internal", "password", "pg-pass-3")))
                .send();
        assertThat(keepingTheSecret.status()).isEqualTo(422);
        assertThat(keepingTheSecret.problemType()).isEqualTo("credential-unavailable");
        assertThat(reenteringIt.status()).isEqualTo(200);
        assertThat(vault.open(projectId(project), CredentialId.parse(id), List.of()).fields())
                .containsEntry("password", "pg-pass-3");
    }

    @Test
    void deletingACredentialPublishesCredentialDeleted() {
        Session owner = newUser("Deleter");
        String project = project(owner);
        String id = create(owner, project, bearer("Gone", "tok-9")).json().path("id").asString();

        catalog.delete(projectId(project), CredentialId.parse(id), new UserId(owner.id()));

        assertThat(events.stream(CredentialDeleted.class))
                .containsExactly(new CredentialDeleted(projectId(project), CredentialId.parse(id)));
    }

    @Test
    void deletingAProjectDeletesItsCredentials() {
        Session owner = newUser("Closer");
        String project = project(owner);
        create(owner, project, bearer("One", "tok-10"));
        create(owner, project, bearer("Two", "tok-11"));

        assertThat(api.delete("/api/projects/" + project).token(owner.accessToken()).send().status()).isEqualTo(204);

        assertThat(jdbc.sql("SELECT count(*) FROM credential_credentials WHERE project_id = :p")
                .param("p", UUID.fromString(project)).query(Long.class).single()).isZero();
    }

    private Credential open(String project, String id, List<String> kinds) {
        return vault.open(projectId(project), CredentialId.parse(id), kinds);
    }

    private static ProjectId projectId(String id) {
        return new ProjectId(UUID.fromString(id));
    }

    static Map<String, Object> bearer(String name, String token) {
        return Api.map("kind", "http-bearer", "name", name, "data", Api.map("token", token));
    }

    private String project(Session owner) {
        return api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "Vault", "type", "web")).send()
                .json().path("id").asString();
    }

    private Response create(Session user, String project, Object body) {
        return api.post("/api/projects/" + project + "/credentials").token(user.accessToken()).json(body).send();
    }

    private void addMember(Session owner, String project, Session member, String role) {
        api.post("/api/projects/" + project + "/members").token(owner.accessToken())
                .json(Api.map("email", member.email(), "role", role)).send();
    }

    private static String message(Response response, String field) {
        for (JsonNode error : response.json().path("errors")) {
            if (error.path("field").asString().equals(field)) {
                return error.path("message").asString();
            }
        }
        return null;
    }

    private static List<String> names(Response page) {
        List<String> names = new ArrayList<>();
        page.json().path("items").forEach(c -> names.add(c.path("name").asString()));
        return names;
    }

    private static List<String> fieldNames(JsonNode fields) {
        List<String> names = new ArrayList<>();
        fields.forEach(f -> names.add(f.path("name").asString()));
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
