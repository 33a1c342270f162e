package dev.nex7.notification;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.nex7.deployment.DeploymentEvents.DeploymentFailed;
import dev.nex7.deployment.DeploymentId;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Base of the notification tests: the application with its email channel pointed at GreenMail and a
 * WireMock server to receive webhook calls (allowed through the SSRF guard by an administrator, as
 * an operator would), one application context for every such test class. The outbox's poll is
 * slowed to an hour so that retries happen when a test calls it, after moving the clock.
 */
public abstract class NotificationIntegrationTest extends IntegrationTest {

    public static final String PUBLIC_URL = "https://nex7.example.com";
    protected static final String SMTP_PASSWORD = "smtp-password-" + UUID.randomUUID();
    protected static final GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
    protected static final WireMockServer receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        mail.withConfiguration(GreenMailConfiguration.aConfig().withUser("nex7@nex7.test", "nex7", SMTP_PASSWORD));
        mail.start();
        receiver.start();
    }

    @DynamicPropertySource
    static void notificationChannels(DynamicPropertyRegistry properties) {
        properties.add("nex7.notification.public-url", () -> PUBLIC_URL);
        properties.add("nex7.notification.mail.host", () -> "127.0.0.1");
        properties.add("nex7.notification.mail.port", () -> mail.getSmtp().getPort());
        properties.add("nex7.notification.mail.starttls", () -> "false");
        properties.add("nex7.notification.mail.from", () -> "NEX7 <nex7@nex7.test>");
        properties.add("nex7.notification.mail.username", () -> "nex7");
        properties.add("nex7.notification.mail.password", () -> SMTP_PASSWORD);
        properties.add("nex7.notification.max-per-user", () -> "10");
        properties.add("nex7.notification.poll-interval", () -> "1h");
        properties.add("nex7.notification.retry-backoff", () -> "1m");
        properties.add("nex7.notification.max-retry-backoff", () -> "4m");
        properties.add("nex7.notification.webhook.max-attempts", () -> "3");
        properties.add("nex7.notification.webhook.timeout", () -> "5s");
    }

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void allowTheReceiver() {
        api.post("/api/admin/outbound-allow-list").token(admin().accessToken()).json(Api.map("entry", "127.0.0.1:" + receiver.port())).send();
    }

    /** Publishes an event the way the deployment module does: inside the transaction that stores what it reports. */
    protected void publish(Object event) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> events.publishEvent(event));
    }

    protected String project(Session owner, String name) {
        Response created = api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", name, "type", "web")).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    protected void addMember(Session owner, String project, Session member, String role) {
        Response added = api.post("/api/projects/" + project + "/members").token(owner.accessToken())
                .json(Api.map("email", member.email(), "role", role)).send();
        assertThat(added.status()).as(added.text()).isEqualTo(201);
    }

    protected static DeploymentFailed failed(String project) {
        return new DeploymentFailed(new ProjectId(UUID.fromString(project)), DeploymentId.random(), "local",
                "6dcb09b5b57875f334f61aebed695e2e4193db5e", "Add the checkout page\n\nLong description", "main", "missing-module",
                "Cannot find module 'left-pad'");
    }

    protected List<JsonNode> notifications(Session user) {
        Response page = api.get("/api/notifications?limit=100").token(user.accessToken()).send();
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        return page.json().path("items").valueStream().toList();
    }

    /** Waits until the person's notifications satisfy {@code condition}, and returns them. */
    protected List<JsonNode> awaitNotifications(Session user, Predicate<List<JsonNode>> condition) {
        @SuppressWarnings("unchecked")
        List<JsonNode>[] last = new List[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> condition.test(last[0] = notifications(user)));
        return last[0];
    }
}
