package dev.nex7.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.nex7.integration.LocalHttpServer.Reply;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;

class IntegrationAllowListIntegrationTests extends IntegrationTest {

    private static final String BASE = "/api/admin/outbound-allow-list";

    @Autowired
    OutboundHttp http;

    @Test
    void anAdminAddsListsAndRemovesEntries() {
        Session admin = admin();

        Response added = api.post(BASE).token(admin.accessToken()).json(Api.map("entry", " Wiki.Corp.Internal:8443 "))
                .send();
        String id = added.json().path("id").asString();
        Response listed = api.get(BASE).token(admin.accessToken()).send();
        Response duplicate = api.post(BASE).token(admin.accessToken()).json(Api.map("entry", "wiki.corp.internal:8443"))
                .send();
        Response removed = api.delete(BASE + "/" + id).token(admin.accessToken()).send();
        Response removedAgain = api.delete(BASE + "/" + id).token(admin.accessToken()).send();

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.header("Location")).isEqualTo(BASE + "/" + id);
        assertThat(added.json().path("entry").asString()).isEqualTo("wiki.corp.internal:8443");
        assertThat(added.json().path("source").asString()).isEqualTo("admin");
        assertThat(added.json().path("createdBy").asString()).isEqualTo(admin.id().toString());
        assertThat(entries(listed)).contains("wiki.corp.internal:8443");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.problemType()).isEqualTo("allowed-host-exists");
        assertThat(removed.status()).isEqualTo(204);
        assertThat(entries(api.get(BASE).token(admin.accessToken()).send())).doesNotContain("wiki.corp.internal:8443");
        assertThat(removedAgain.status()).isEqualTo(404);
        assertThat(removedAgain.problemType()).isEqualTo("allowed-host-not-found");
    }

    @Test
    void invalidEntriesAreRefusedWithTheFieldNamed() {
        Session admin = admin();

        for (String entry : List.of("http://wiki.corp/", "wiki.corp:0", "*.corp", "10.0.0.0/8", "")) {
            Response refused = api.post(BASE).token(admin.accessToken()).json(Api.map("entry", entry)).send();
            assertThat(refused.status()).as(entry).isEqualTo(400);
            assertThat(Api.fields(refused)).as(entry).containsExactly("entry");
        }
        Response missing = api.post(BASE).token(admin.accessToken()).json("{}").send();
        assertThat(missing.status()).isEqualTo(400);
    }

    @Test
    void onlyAdminsSeeOrChangeTheAllowList() {
        Session user = newUser("Curious");
        Session admin = admin();
        String id = api.post(BASE).token(admin.accessToken()).json(Api.map("entry", "only-admins.test")).send().json()
                .path("id").asString();

        Response read = api.get(BASE).token(user.accessToken()).send();
        Response add = api.post(BASE).token(user.accessToken()).json(Api.map("entry", "sneaky.test")).send();
        Response remove = api.delete(BASE + "/" + id).token(user.accessToken()).send();
        Response anonymous = api.get(BASE).send();

        assertThat(read.status()).isEqualTo(403);
        assertThat(read.problemType()).isEqualTo("forbidden");
        assertThat(add.status()).isEqualTo(403);
        assertThat(remove.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(entries(api.get(BASE).token(admin.accessToken()).send())).contains("only-admins.test")
                .doesNotContain("sneaky.test");
        api.delete(BASE + "/" + id).token(admin.accessToken()).send();
    }

    @Test
    void anEntryAddedAtRunTimeOpensTheHostForOutboundHttpAndRemovingItClosesIt() throws Exception {
        Session admin = admin();
        try (LocalHttpServer service = LocalHttpServer.start()) {
            service.on("/", request -> Reply.text(200, "internal service"));
            OutboundRequest call = OutboundRequest.get(service.uri("/"));

            OutboundHttpException before = catchThrowableOfType(OutboundHttpException.class, () -> http.send(call));
            String id = api.post(BASE).token(admin.accessToken()).json(Api.map("entry", "127.0.0.1:" + service.port()))
                    .send().json().path("id").asString();
            OutboundResponse opened = http.send(call);
            api.delete(BASE + "/" + id).token(admin.accessToken()).send();
            OutboundHttpException after = catchThrowableOfType(OutboundHttpException.class, () -> http.send(call));

            assertThat(before.code()).isEqualTo("blocked-address");
            assertThat(opened.text()).isEqualTo("internal service");
            assertThat(after.code()).isEqualTo("blocked-address");
            assertThat(service.hits()).isEqualTo(1);
        }
    }

    private static List<String> entries(Response response) {
        return response.json().valueStream().map(entry -> entry.path("entry").asString()).toList();
    }
}
