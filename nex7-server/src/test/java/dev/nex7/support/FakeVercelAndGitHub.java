package dev.nex7.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.nex7.project.ProjectId;
import dev.nex7.support.Api.Response;

/**
 * Base of the tests that talk to Vercel's and GitHub's REST APIs: one WireMock on 127.0.0.1 plays
 * both (their paths do not overlap), opened for outbound HTTP through the administrators' allow-list
 * as an administrator would open a local service, with NEX7's API addresses pointed at it (and without
 * Jetty's gzip, which rewrites ETags to {@code "…--gzip"}). Vercel
 * polling and GitHub reconciliation do not run in the background here: the tests call them and move
 * the clock. Every such test class shares one application context.
 */
public abstract class FakeVercelAndGitHub extends IntegrationTest {

    public static final WireMockServer fake = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true));

    static {
        fake.start();
    }

    @DynamicPropertySource
    static void fakeApis(DynamicPropertyRegistry properties) {
        properties.add("nex7.integration.vercel-api-url", () -> "http://127.0.0.1:" + fake.port());
        properties.add("nex7.integration.github-api-url", () -> "http://127.0.0.1:" + fake.port());
        properties.add("nex7.integration.github-reconcile-interval", () -> "0s");
        properties.add("nex7.deployment.vercel.polling", () -> "false");
    }

    @BeforeEach
    void openFake() {
        fake.resetAll();
        // 409 when an earlier test opened it already: either way it is open.
        api.post("/api/admin/outbound-allow-list").token(admin().accessToken()).json(Api.map("entry", allowListEntry())).send();
    }

    /** The allow-list entry that opens the fake. */
    protected static String allowListEntry() {
        return "127.0.0.1:" + fake.port();
    }

    /** A project the user owns. */
    protected ProjectId project(Session owner) {
        Response created = api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "Shop", "type", "web")).send();
        return new ProjectId(UUID.fromString(created.json().path("id").asString()));
    }

    /** A credential of the project's vault of {@code kind} ({@code vercel}, {@code github}) holding {@code token}; its id. */
    protected String credential(Session owner, ProjectId project, String kind, String token) {
        Response created = api.post("/api/projects/" + project + "/credentials").token(owner.accessToken())
                .json(Api.map("kind", kind, "name", kind + " " + UUID.randomUUID(), "data", Api.map("token", token))).send();
        if (created.status() != 201) {
            throw new IllegalStateException("credential not created: " + created);
        }
        return created.json().path("id").asString();
    }
}
