package dev.nex7.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Call;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;

class ProjectIntegrationTests extends IntegrationTest {

    @Test
    void anOwnerCreatesReadsEditsAndDeletesAProject() {
        Session owner = newUser("Owner");

        Response created = create(owner, Api.map("name", "Storefront", "description", "Shop", "type", "web",
                "repositoryUrl", "https://github.com/acme/storefront"));
        String id = created.json().path("id").asString();
        Response edited = api.patch("/api/projects/" + id).token(owner.accessToken())
                .json(Api.map("status", "active", "deploymentUrl", "https://storefront.example.com")).send();
        Response cleared = api.patch("/api/projects/" + id).token(owner.accessToken()).json("{\"description\":null}")
                .send();
        Response read = api.get("/api/projects/" + id).token(owner.accessToken()).send();
        Response deleted = api.delete("/api/projects/" + id).token(owner.accessToken()).send();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/projects/" + id);
        assertThat(created.json().path("status").asString()).isEqualTo("draft");
        assertThat(created.json().path("myRole").asString()).isEqualTo("owner");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().path("status").asString()).isEqualTo("active");
        assertThat(edited.json().path("description").asString()).isEqualTo("Shop");
        assertThat(cleared.json().path("description").isNull()).isTrue();
        assertThat(read.json().path("deploymentUrl").asString()).isEqualTo("https://storefront.example.com");
        assertThat(read.json().path("repositoryUrl").asString()).isEqualTo("https://github.com/acme/storefront");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/api/projects/" + id).token(owner.accessToken()).send().status()).isEqualTo(404);
    }

    @Test
    void invalidProjectsAreRefusedWithEveryFieldNamed() {
        Session owner = newUser("Sloppy");

        Response refused = create(owner, Api.map("name", "", "type", "tv", "repositoryUrl", "javascript:alert(1)"));
        Response missingType = create(owner, Api.map("name", "No type", "deploymentUrl", "ftp://example.com"));
        Response unknownField = create(owner, Api.map("name", "X", "type", "web", "ownerId", UUID.randomUUID()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(Api.fields(refused)).containsExactly("type");
        assertThat(missingType.status()).isEqualTo(400);
        assertThat(Api.fields(missingType)).containsExactlyInAnyOrder("type", "deploymentUrl");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(Api.fields(unknownField)).containsExactly("ownerId");
        assertThat(list(owner, "").json().path("totalItems").asLong()).isZero();
    }

    @Test
    void theListIsPaginatedSortedAndFiltered() {
        Session owner = newUser("Lister");
        for (String name : List.of("Delta", "alpha", "Charlie", "bravo", "Echo 100%")) {
            create(owner, Api.map("name", name, "type", "api"));
        }

        Response byName = list(owner, "?sort=name,asc&size=2&page=1");
        Response filtered = list(owner, "?q=ALP");
        Response literalPercent = list(owner, "?q=100%25");

        assertThat(byName.json().path("totalItems").asLong()).isEqualTo(5);
        assertThat(byName.json().path("totalPages").asInt()).isEqualTo(3);
        assertThat(names(byName)).containsExactly("Charlie", "Delta");
        assertThat(names(filtered)).containsExactly("alpha");
        assertThat(names(literalPercent)).containsExactly("Echo 100%");
        assertThat(list(owner, "?sort=created_by").status()).isEqualTo(400);
        assertThat(list(owner, "?sort=name,sideways").status()).isEqualTo(400);
        assertThat(list(owner, "?size=1000").status()).isEqualTo(400);
        assertThat(list(owner, "?page=-1").status()).isEqualTo(400);
    }

    @Test
    void aNonMemberGetsNotFoundOnEveryProjectRoute() {
        Session owner = newUser("Private");
        Session outsider = newUser("Outsider");
        String id = create(owner, Api.map("name", "Secret", "type", "web")).json().path("id").asString();
        String base = "/api/projects/" + id;

        List<Call> calls = List.of(
                api.get(base), api.patch(base).json(Api.map("name", "Mine")), api.delete(base),
                api.get(base + "/members"),
                api.post(base + "/members").json(Api.map("email", outsider.email(), "role", "owner")),
                api.patch(base + "/members/" + owner.id()).json(Api.map("role", "viewer")),
                api.delete(base + "/members/" + owner.id()));
        for (Call call : calls) {
            Response answer = call.token(outsider.accessToken()).send();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(answer.problemType()).isEqualTo("project-not-found");
        }
        Response unknown = api.get("/api/projects/" + UUID.randomUUID()).token(outsider.accessToken()).send();
        assertThat(unknown.json().path("detail")).isEqualTo(
                api.get(base).token(outsider.accessToken()).send().json().path("detail"));
        assertThat(list(outsider, "").json().path("totalItems").asLong()).isZero();
        assertThat(api.get(base).token(owner.accessToken()).send().json().path("name").asString()).isEqualTo("Secret");
    }

    @Test
    void rolesGrantWhatTheyShould() {
        Session owner = newUser("Boss");
        Session editor = newUser("Writer");
        Session viewer = newUser("Reader");
        String id = create(owner, Api.map("name", "Team", "type", "mobile")).json().path("id").asString();
        String base = "/api/projects/" + id;
        assertThat(addMember(owner, id, editor, "editor").status()).isEqualTo(201);
        assertThat(addMember(owner, id, viewer, "viewer").status()).isEqualTo(201);

        assertThat(api.get(base).token(viewer.accessToken()).send().json().path("myRole").asString()).isEqualTo("viewer");
        Response viewerEdit = api.patch(base).token(viewer.accessToken()).json(Api.map("name", "Mine")).send();
        assertThat(viewerEdit.status()).isEqualTo(403);
        assertThat(viewerEdit.problemType()).isEqualTo("project-role-too-low");
        assertThat(api.get(base + "/members").token(viewer.accessToken()).send().json().size()).isEqualTo(3);
        assertThat(addMember(viewer, id, newUser("Friend"), "owner").status()).isEqualTo(403);

        assertThat(api.patch(base).token(editor.accessToken()).json(Api.map("name", "Team 2")).send().status())
                .isEqualTo(200);
        assertThat(api.delete(base).token(editor.accessToken()).send().status()).isEqualTo(403);
        assertThat(api.patch(base + "/members/" + viewer.id()).token(editor.accessToken())
                .json(Api.map("role", "editor")).send().status()).isEqualTo(403);

        assertThat(api.patch(base + "/members/" + viewer.id()).token(owner.accessToken())
                .json(Api.map("role", "editor")).send().json().path("role").asString()).isEqualTo("editor");
        assertThat(api.get(base).token(viewer.accessToken()).send().json().path("name").asString()).isEqualTo("Team 2");
    }

    @Test
    void membersCanLeaveButTheLastOwnerCannot() {
        Session owner = newUser("Founder");
        Session member = newUser("Member");
        String id = create(owner, Api.map("name", "Keep", "type", "desktop")).json().path("id").asString();
        String base = "/api/projects/" + id;
        addMember(owner, id, member, "viewer");

        Response leave = api.delete(base + "/members/" + owner.id()).token(owner.accessToken()).send();
        Response demote = api.patch(base + "/members/" + owner.id()).token(owner.accessToken())
                .json(Api.map("role", "editor")).send();
        assertThat(leave.status()).isEqualTo(409);
        assertThat(leave.problemType()).isEqualTo("last-owner");
        assertThat(demote.status()).isEqualTo(409);

        assertThat(api.delete(base + "/members/" + member.id()).token(member.accessToken()).send().status())
                .as("anyone may leave").isEqualTo(204);
        assertThat(api.get(base).token(member.accessToken()).send().status()).isEqualTo(404);

        Session heir = newUser("Heir");
        addMember(owner, id, heir, "owner");
        assertThat(api.delete(base + "/members/" + owner.id()).token(owner.accessToken()).send().status())
                .isEqualTo(204);
        assertThat(api.get(base).token(heir.accessToken()).send().json().path("myRole").asString()).isEqualTo("owner");
    }

    @Test
    void twoOwnersDemotingEachOtherAtOnceLeaveAnOwner() {
        Session first = newUser("First");
        Session second = newUser("Second");
        String id = create(first, Api.map("name", "Tug of war", "type", "web")).json().path("id").asString();
        addMember(first, id, second, "owner");
        String base = "/api/projects/" + id;

        var a = CompletableFuture.supplyAsync(() -> new Api(port).patch(base + "/members/" + second.id())
                .token(first.accessToken()).json(Api.map("role", "viewer")).send().status());
        var b = CompletableFuture.supplyAsync(() -> new Api(port).patch(base + "/members/" + first.id())
                .token(second.accessToken()).json(Api.map("role", "viewer")).send().status());

        List<Integer> statuses = List.of(a.join(), b.join());
        Response members = api.get(base + "/members").token(first.accessToken()).send();
        List<String> roles = new ArrayList<>();
        members.json().forEach(m -> roles.add(m.path("role").asString()));
        assertThat(roles).contains("owner");
        assertThat(statuses).contains(200);
    }

    @Test
    void addingMembersNeedsAnExistingAccountOnce() {
        Session owner = newUser("Inviter");
        Session friend = newUser("Friend");
        String id = create(owner, Api.map("name", "Invites", "type", "web")).json().path("id").asString();

        Response unknown = api.post("/api/projects/" + id + "/members").token(owner.accessToken())
                .json(Api.map("email", "ghost@example.com", "role", "viewer")).send();
        Response added = addMember(owner, id, friend, "editor");
        Response twice = addMember(owner, id, friend, "viewer");
        Response badRole = api.post("/api/projects/" + id + "/members").token(owner.accessToken())
                .json(Api.map("email", friend.email(), "role", "god")).send();

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("account-not-found");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().path("email").asString()).isEqualTo(friend.email());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(Api.fields(badRole)).containsExactly("role");
    }

    private Response create(Session owner, Object body) {
        return api.post("/api/projects").token(owner.accessToken()).json(body).send();
    }

    private Response list(Session user, String query) {
        return api.get("/api/projects" + query).token(user.accessToken()).send();
    }

    private Response addMember(Session owner, String projectId, Session member, String role) {
        return api.post("/api/projects/" + projectId + "/members").token(owner.accessToken())
                .json(Api.map("email", member.email(), "role", role)).send();
    }

    private static List<String> names(Response page) {
        List<String> names = new ArrayList<>();
        page.json().path("items").forEach(p -> names.add(p.path("name").asString()));
        return names;
    }
}
