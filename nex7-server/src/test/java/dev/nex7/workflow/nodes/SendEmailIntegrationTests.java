package dev.nex7.workflow.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import dev.nex7.support.Api;
import dev.nex7.support.IntegrationTest;
import jakarta.mail.internet.MimeMessage;

/** The Send email node in a workflow run through the REST API, with an SMTP credential from the vault. */
class SendEmailIntegrationTests extends IntegrationTest {

    private static GreenMail greenMail;

    @BeforeAll
    static void start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withUser("ops@example.com", "ops", "unused"));
        greenMail.start();
    }

    @AfterAll
    static void stop() {
        greenMail.stop();
    }

    private Map<String, Object> smtp(int port, String password) {
        return Api.map("host", "127.0.0.1", "port", port, "security", "none",
                "from", "ops@example.com", "username", "ops", "password", password);
    }

    @Test
    void aWorkflowSendsAnEmailThatArrivesAndItsPasswordNeverShowsInTheExecution() throws Exception {
        int port = greenMail.getSmtp().getPort();
        String canary = "canary-" + UUID.randomUUID();
        greenMail.getUserManager().getUserByEmail("ops@example.com").setPassword(canary);
        api.post("/api/admin/outbound-allow-list").token(admin().accessToken()).json(Api.map("entry", "127.0.0.1:" + port))
                .send();
        FlowsOverApi flows = new FlowsOverApi(api, newUser("Mailer"));
        String workflow = flows.workflow("send-email", Map.of("to", "{{ $input.to }}",
                "subject", "Order {{ $input.id }} shipped", "text", "Hello {{ $input.name }}"),
                "smtp", flows.credential("smtp", smtp(port, canary)));

        FlowsOverApi.Run run = flows.run(workflow, Map.of("to", "ann@example.com", "id", "A-17",
                "name", "{{ $execution.id }}"));

        assertThat(run.status()).as(run.text()).isEqualTo("succeeded");
        MimeMessage received = greenMail.getReceivedMessagesForDomain("example.com")[0];
        assertThat(received.getSubject()).isEqualTo("Order A-17 shipped");
        // Data that arrives with {{ }} in it is sent as it is, never evaluated.
        assertThat(GreenMailUtil.getBody(received)).isEqualTo("Hello {{ $execution.id }}");
        assertThat(run.text()).contains(received.getMessageID()).contains("ann@example.com").doesNotContain(canary);
    }

    @Test
    void anSmtpHostOnThisMachineIsRefusedWhenNoAdministratorOpenedIt() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        FlowsOverApi flows = new FlowsOverApi(api, newUser("Blocked mailer"));
        String workflow = flows.workflow("send-email", Map.of("to", "ann@example.com", "subject", "Hi", "text", "Hi"),
                "smtp", flows.credential("smtp", smtp(closed, "pw-" + UUID.randomUUID())));

        FlowsOverApi.Run run = flows.run(workflow, Map.of());

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.node().path("error").path("code").asString()).isEqualTo("blocked-address");
    }
}
