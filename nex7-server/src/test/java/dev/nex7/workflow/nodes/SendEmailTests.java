package dev.nex7.workflow.nodes;

import static dev.nex7.workflow.nodes.NodeValues.failureOf;
import static dev.nex7.workflow.nodes.NodeValues.params;
import static dev.nex7.workflow.nodes.NodeValues.property;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.net.ssl.SSLSocketFactory;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.nex7.integration.OutboundSocketsFixtures;
import dev.nex7.plugin.node.Credential;
import dev.nex7.plugin.node.CredentialSlot;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.Port;
import dev.nex7.workflow.nodes.mail.IdentifiedMessage;
import dev.nex7.workflow.nodes.mail.MailFailures;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * The Send email node against GreenMail, a real SMTP server in this process: plain SMTP with
 * sign-in, and SMTPS (implicit TLS) with a certificate made for 127.0.0.1.
 */
class SendEmailTests {

    private static final String PASSWORD = "smtp-Pw-canary-93b1e0";
    private static GreenMail greenMail;
    private static TestCertificate certificate;
    private static SSLSocketFactory trusting;

    private SendEmail node;

    @BeforeAll
    static void start() throws Exception {
        certificate = TestCertificate.create("IP:127.0.0.1");
        trusting = certificate.trustingClient();
        greenMail = withKeyStore(certificate, () -> {
            GreenMail server = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", "smtp"),
                    new ServerSetup(0, "127.0.0.1", "smtps")});
            server.withConfiguration(GreenMailConfiguration.aConfig().withUser("ops@example.com", "ops", PASSWORD));
            server.start();
            return server;
        });
    }

    @AfterAll
    static void stop() {
        greenMail.stop();
    }

    @BeforeEach
    void node() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        node = new SendEmail(OutboundSocketsFixtures.opening("127.0.0.1:" + smtpPort(), "127.0.0.1:" + smtpsPort()),
                trusting);
    }

    @Test
    void theDescriptorIsWhatTheCanvasShows() {
        NodeDescriptor descriptor = node.descriptor();
        Map<String, Object> properties = property(descriptor.parameterSchema(), "properties");

        assertThat(descriptor.type()).isEqualTo("send-email");
        assertThat(descriptor.version()).isEqualTo(1);
        assertThat(descriptor.credentials()).containsExactly(new CredentialSlot("smtp", List.of("smtp"), true));
        assertThat(descriptor.parameterSchema().get("required")).isEqualTo(List.of("to", "subject"));
        assertThat(properties).containsKeys("to", "cc", "bcc", "replyTo", "subject", "text", "html", "attachments",
                "connectTimeoutMs", "timeoutMs");
        assertThat(property(properties, "timeoutMs")).containsEntry("default", 30_000);
    }

    @Test
    void aMessageWithBothBodiesAndAnAttachmentArrivesWithAMessageIdFromTheIdempotencyKey() throws Exception {
        byte[] report = "id,total\n1,19.90\n".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> output = send(smtp("none", smtpPort(), PASSWORD), params(
                "to", List.of("Ann <ann@example.com>"), "cc", "bob@example.com, carl@example.com",
                "bcc", "audit@example.com", "replyTo", "support@example.com",
                "subject", "Order shipped – Größe L", "text", "Plain body", "html", "<p>HTML body</p>",
                "attachments", List.of(Map.of("filename", "report.csv", "contentType", "text/csv",
                        "base64", Base64.getEncoder().encodeToString(report)))));

        String expectedId = IdentifiedMessage.messageId("exec-1:node-1:1", "example.com");
        assertThat(output).containsEntry("messageId", expectedId).containsEntry("accepted",
                List.of("ann@example.com", "bob@example.com", "carl@example.com", "audit@example.com"));
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(4);
        MimeMessage message = received[0];
        assertThat(message.getMessageID()).isEqualTo(expectedId);
        assertThat(message.getSubject()).isEqualTo("Order shipped – Größe L");
        assertThat(message.getFrom()).containsExactly(new InternetAddress("ops@example.com"));
        assertThat(message.getReplyTo()).containsExactly(new InternetAddress("support@example.com"));
        assertThat(message.getRecipients(Message.RecipientType.CC)).hasSize(2);
        assertThat(message.getHeader("Bcc")).isNull();
        MimeMultipart mixed = (MimeMultipart) message.getContent();
        MimeMultipart alternatives = (MimeMultipart) mixed.getBodyPart(0).getContent();
        assertThat(alternatives.getBodyPart(0).getContent().toString()).isEqualTo("Plain body");
        assertThat(alternatives.getBodyPart(1).getContent().toString()).isEqualTo("<p>HTML body</p>");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("report.csv");
        assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(report);
    }

    @Test
    void aRunSentAgainWithTheSameIdempotencyKeyCarriesTheSameMessageId() throws Exception {
        Map<String, Object> parameters = params("to", "ann@example.com", "subject", "Twice", "text", "Hi");
        Map<String, Object> first = send(smtp("none", smtpPort(), PASSWORD), parameters);
        Map<String, Object> second = send(smtp("none", smtpPort(), PASSWORD), parameters);

        assertThat(first.get("messageId")).isEqualTo(second.get("messageId"));
        assertThat(greenMail.getReceivedMessages()).extracting(MimeMessage::getMessageID)
                .containsExactly((String) first.get("messageId"), (String) first.get("messageId"));
    }

    @Test
    void aWrongPasswordIsAPermanentFailureThatNeverShowsAPassword() {
        String wrong = "wrong-Pw-5d0c7a11";
        RecordingContext context = context(smtp("none", smtpPort(), wrong), params("to", "ann@example.com",
                "subject", "Hi", "text", "Hi"));
        NodeFailure failure = fails(node, context);

        assertThat(failure.code()).isEqualTo("auth-failed");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).doesNotContain(wrong).doesNotContain(PASSWORD);
        assertThat(String.join("\n", context.info) + context.warnings).doesNotContain(wrong);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void implicitTlsSendsToAServerWithACertificateForItsAddress() throws Exception {
        send(smtp("tls", smtpsPort(), PASSWORD), params("to", "ann@example.com", "subject", "Secure", "text", "Hi"));

        assertThat(greenMail.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly("Secure");
    }

    @Test
    void implicitTlsRefusesACertificateTheClientDoesNotTrust() throws Exception {
        SendEmail defaultTrust = new SendEmail(OutboundSocketsFixtures.opening("127.0.0.1:" + smtpsPort()));
        NodeFailure failure = fails(defaultTrust, context(smtp("tls", smtpsPort(), PASSWORD),
                params("to", "ann@example.com", "subject", "Secure", "text", "Hi")));

        assertThat(failure.code()).isEqualTo("tls-failed");
        assertThat(failure.retryable()).isFalse();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void implicitTlsRefusesATrustedCertificateForAnotherName() throws Exception {
        TestCertificate other = TestCertificate.create("DNS:mail.example");
        GreenMail elsewhere = withKeyStore(other, () -> {
            GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtps"));
            server.start();
            return server;
        });
        try {
            int port = elsewhere.getSmtps().getPort();
            SendEmail trustingOther = new SendEmail(OutboundSocketsFixtures.opening("127.0.0.1:" + port),
                    other.trustingClient());
            NodeFailure failure = fails(trustingOther, context(smtp("tls", port, null),
                    params("to", "ann@example.com", "subject", "Secure", "text", "Hi")));

            assertThat(failure.code()).isEqualTo("tls-failed");
            assertThat(elsewhere.getReceivedMessages()).isEmpty();
        } finally {
            elsewhere.stop();
        }
    }

    @Test
    void starttlsIsNeverSkippedWhenTheServerDoesNotOfferIt() {
        NodeFailure failure = fails(node, context(smtp("starttls", smtpPort(), PASSWORD),
                params("to", "ann@example.com", "subject", "Hi", "text", "Hi")));

        assertThat(failure.code()).isEqualTo("tls-failed");
        assertThat(failure.retryable()).isFalse();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void anSmtpServerOnThisMachineIsRefusedUnlessAnAdministratorOpenedIt() {
        SendEmail guarded = new SendEmail(OutboundSocketsFixtures.opening(), trusting);
        NodeFailure failure = fails(guarded, context(smtp("none", smtpPort(), PASSWORD),
                params("to", "ann@example.com", "subject", "Hi", "text", "Hi")));

        assertThat(failure.code()).isEqualTo("blocked-address");
        assertThat(failure.getMessage()).contains("127.0.0.1 is a loopback address");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatIsNotThereIsARetryableFailure() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        SendEmail opened = new SendEmail(OutboundSocketsFixtures.opening("127.0.0.1:" + closed), trusting);
        NodeFailure failure = fails(opened, context(smtp("none", closed, PASSWORD),
                params("to", "ann@example.com", "subject", "Hi", "text", "Hi")));

        assertThat(failure.code()).isEqualTo("connect-failed");
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void badAddressesSubjectsAndAttachmentsArePermanentFailuresAndNothingIsSent() {
        Credential credential = smtp("none", smtpPort(), PASSWORD);

        assertThat(fails(node, context(credential, params("to", "not an address", "subject", "Hi"))).code())
                .isEqualTo("invalid-address");
        assertThat(fails(node, context(credential, params("to", "a@example.com\r\nBcc: x@evil.example",
                "subject", "Hi"))).code()).isEqualTo("invalid-address");
        assertThat(fails(node, context(credential, params("to", List.of(), "subject", "Hi"))).code())
                .isEqualTo("invalid-parameter");
        assertThat(fails(node, context(credential, params("to", "a@example.com", "subject",
                "Hi\r\nBcc: x@evil.example"))).code()).isEqualTo("invalid-parameter");
        assertThat(fails(node, context(credential, params("to", "a@example.com", "subject", "Hi", "attachments",
                List.of(Map.of("filename", "x.bin", "base64", "%%%"))))).code()).isEqualTo("invalid-parameter");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void smtpRepliesSayWhetherTryingAgainMightHelp() throws Exception {
        NodeFailure full = MailFailures.of(new SMTPSendFailedException("DATA", 452, "452 4.3.1 Insufficient storage",
                null, null, null, null), -1, text -> text);
        NodeFailure refused = MailFailures.of(new SMTPSendFailedException("DATA", 554, "554 5.7.1 Rejected as spam",
                null, null, null, null), -1, text -> text);
        NodeFailure unknownUser = MailFailures.of(new SMTPAddressFailedException(new InternetAddress(
                "nobody@example.com", false), "RCPT TO", 550, "550 5.1.1 No such user"), -1, text -> text);
        NodeFailure greylisted = MailFailures.of(new SMTPAddressFailedException(new InternetAddress(
                "later@example.com", false), "RCPT TO", 450, "450 4.2.0 Greylisted"), -1, text -> text);

        assertThat(full.retryable()).isTrue();
        assertThat(full.code()).isEqualTo("smtp-rejected");
        assertThat(refused.retryable()).isFalse();
        assertThat(unknownUser.code()).isEqualTo("address-rejected");
        assertThat(unknownUser.retryable()).isFalse();
        assertThat(greylisted.retryable()).isTrue();
    }

    private Map<String, Object> send(Credential credential, Map<String, Object> parameters) throws Exception {
        NodeOutcome outcome = node.execute(context(credential, parameters));
        return property(((NodeOutcome.Emitted) outcome).outputs(), Port.MAIN);
    }

    private static NodeFailure fails(SendEmail on, RecordingContext context) {
        return failureOf(() -> on.execute(context));
    }

    private static RecordingContext context(Credential credential, Map<String, Object> parameters) {
        return new RecordingContext(null, parameters).with("smtp", credential);
    }

    private static Credential smtp(String security, int port, String password) {
        Map<String, String> fields = new LinkedHashMap<>(Map.of("host", "127.0.0.1", "port", String.valueOf(port),
                "security", security, "from", "ops@example.com", "username", "ops"));
        if (password != null) {
            fields.put("password", password);
        } else {
            fields.remove("username");
        }
        return new Credential("cred-smtp", "smtp", fields);
    }

    private static int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    private static int smtpsPort() {
        return greenMail.getSmtps().getPort();
    }

    /** GreenMail reads its TLS key store from a system property when a server starts. */
    private static GreenMail withKeyStore(TestCertificate certificate, Callable<GreenMail> start)
            throws Exception {
        String property = DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY;
        System.setProperty(property, certificate.keyStore().toString());
        try {
            return start.call();
        } finally {
            System.clearProperty(property);
        }
    }


}
