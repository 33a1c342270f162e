package dev.nex7.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.nex7.identity.UserId;
import dev.nex7.notification.NotificationSettings;
import dev.nex7.notification.Settings;
import dev.nex7.notification.delivery.Attempt;
import dev.nex7.notification.delivery.Channel;
import dev.nex7.notification.delivery.Delivery;
import dev.nex7.notification.delivery.DeliveryStatus;
import dev.nex7.project.ProjectId;
import tools.jackson.databind.json.JsonMapper;

/** The email channel against a real SMTP server (GreenMail) and a port nobody listens on. */
class EmailChannelTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "the-real-smtp-password";
    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
        smtp.withConfiguration(GreenMailConfiguration.aConfig().withUser("nex7@nex7.test", "nex7", PASSWORD));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void aSentEmailIsDeliveredWithTheDeliveryAsItsMessageId() throws Exception {
        EmailChannel channel = channel(smtp.getSmtp().getPort(), PASSWORD);
        Delivery delivery = delivery();

        Attempt attempt = channel.attempt(delivery);

        assertThat(attempt.result()).as(String.valueOf(attempt.error())).isEqualTo(Attempt.Result.DELIVERED);
        assertThat(smtp.getReceivedMessages()).singleElement()
                .satisfies(message -> assertThat(message.getMessageID()).isEqualTo("<" + delivery.id() + ".nex7@nex7.test>"));
    }

    @Test
    void aRefusedSignInIsFinalAndItsErrorDoesNotCarryThePassword() {
        String wrong = "a-wrong-password-" + UUID.randomUUID();

        Attempt attempt = channel(smtp.getSmtp().getPort(), wrong).attempt(delivery());

        assertThat(attempt.result()).isEqualTo(Attempt.Result.FAILED);
        assertThat(attempt.status()).isEqualTo(535);
        assertThat(attempt.error()).startsWith("SMTP 535").doesNotContain(wrong).doesNotContain(PASSWORD);
    }

    @Test
    void aServerThatCannotBeReachedIsTriedAgainLater() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }

        Attempt attempt = channel(closed, PASSWORD).attempt(delivery());

        assertThat(attempt.result()).isEqualTo(Attempt.Result.RETRY);
        assertThat(attempt.error()).startsWith("SMTP ").doesNotContain(PASSWORD);
    }

    private static EmailChannel channel(int port, String password) {
        NotificationSettings settings = Settings.withMail(new NotificationSettings.Mail("127.0.0.1", port, "nex7", password,
                "NEX7 <nex7@nex7.test>", false, Duration.ofSeconds(5), 5));
        return new EmailChannel(settings, new Emails(settings, JSON), Clock.systemUTC());
    }

    private static Delivery delivery() {
        String payload = JSON.writeValueAsString(new EmailMessage("ann@example.com", "[NEX7] Deployment failed in Shop", "Text", "<p>HTML</p>"));
        return new Delivery(UUID.randomUUID(), Channel.EMAIL, ProjectId.random(), UserId.random(), "deployment_failed", payload,
                DeliveryStatus.PENDING, 1, Instant.now(), null, null, Instant.now(), null);
    }
}
