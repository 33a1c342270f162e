package dev.nex7.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nex7.support.Api.Response;

/**
 * Base of the integration tests: the whole application on a random port, on its own embedded
 * PostgreSQL in a temporary directory, with a clock the tests move. Test classes share one
 * context (and database), so each test makes its own users and projects.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(IntegrationTest.TestClock.class)
public abstract class IntegrationTest {

    public static final String ADMIN_EMAIL = "admin@nex7.test";
    public static final String PASSWORD = "Kettle-Orbit-Lantern-42";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    protected Api api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        // Called once per application context: a test class with other properties (its own context) gets a
        // database of its own, since one embedded PostgreSQL owns a data directory.
        Path dataDir = tempDir();
        registry.add("nex7.db.data-dir", dataDir::toString);
        registry.add("nex7.identity.admin-email", () -> ADMIN_EMAIL);
        // Every test request comes from 127.0.0.1: the throttles are tested on their own.
        registry.add("nex7.identity.sign-in-attempts", () -> "100000");
        registry.add("nex7.identity.sign-in-attempts-per-address", () -> "100000");
        registry.add("nex7.identity.registrations-per-address", () -> "100000");
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        clock.reset();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A fresh user, registered and signed in. */
    protected Session newUser(String name) {
        String email = name.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + SEQUENCE.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Response registered = api.post("/api/auth/register").json(Api.map("email", email, "password", PASSWORD,
                "name", name)).send();
        if (registered.status() != 201) {
            throw new IllegalStateException("registration failed: " + registered);
        }
        return login(email);
    }

    /** The administrator named by nex7.identity.admin-email, registered on first use. */
    protected Session admin() {
        api.post("/api/auth/register").json(Api.map("email", ADMIN_EMAIL, "password", PASSWORD, "name", "Admin"))
                .send();
        return login(ADMIN_EMAIL);
    }

    protected Session login(String email) {
        Response login = api.post("/api/auth/login").json(Api.map("email", email, "password", PASSWORD)).send();
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login);
        }
        var me = api.get("/api/me").token(login.json().path("accessToken").asString()).send().json();
        return new Session(UUID.fromString(me.path("id").asString()), email, login.json().path("accessToken").asString(),
                login.json().path("refreshToken").asString());
    }

    /** A signed-in user as the tests hold them. */
    public record Session(UUID id, String email, String accessToken, String refreshToken) {
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("nex7-test-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }
}
