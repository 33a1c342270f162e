package dev.nex7.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nex7.support.Api;
import dev.nex7.support.IntegrationTest;

/**
 * NEX7 on its default settings: without NEX7_ADMIN_EMAIL the first account becomes admin (exactly
 * one, even when several race), and sign-in attempts are throttled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FirstAccountIntegrationTests {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("nex7-first-account-");
        registry.add("nex7.db.data-dir", dir::toString);
        registry.add("nex7.identity.admin-email", () -> "");
    }

    @Test
    void exactlyOneOfTheFirstConcurrentRegistrationsBecomesAdmin() {
        List<CompletableFuture<String>> registrations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String email = "founder" + i + "@example.com";
            registrations.add(CompletableFuture.supplyAsync(() -> new Api(port).post("/api/auth/register")
                    .json(Api.map("email", email, "password", IntegrationTest.PASSWORD, "name", "Founder")).send()
                    .json().path("role").asString()));
        }
        List<String> roles = registrations.stream().map(CompletableFuture::join).toList();
        String later = new Api(port).post("/api/auth/register")
                .json(Api.map("email", "late@example.com", "password", IntegrationTest.PASSWORD, "name", "Late"))
                .send().json().path("role").asString();

        assertThat(roles).filteredOn("admin"::equals).hasSize(1);
        assertThat(roles).filteredOn("user"::equals).hasSize(4);
        assertThat(later).isEqualTo("user");
    }

    @Test
    void repeatedSignInAttemptsForOneAccountAreThrottled() {
        Api api = new Api(port);
        var attempt = Api.map("email", "victim-" + System.nanoTime() + "@example.com", "password", "Guess-Number-0001");
        for (int i = 0; i < 10; i++) {
            assertThat(api.post("/api/auth/login").json(attempt).send().status()).isEqualTo(401);
        }

        var refused = api.post("/api/auth/login").json(attempt).send();

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.problemType()).isEqualTo("too-many-sign-in-attempts");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 300);
        assertThat(api.post("/api/auth/login").json(Api.map("email", "someone-else@example.com", "password", "x"))
                .send().status()).as("other accounts are not affected").isEqualTo(401);
    }
}
