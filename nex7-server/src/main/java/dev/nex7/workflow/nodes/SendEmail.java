package dev.nex7.workflow.nodes;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.nex7.credential.CredentialKinds;
import dev.nex7.integration.OutboundAddressBlocked;
import dev.nex7.integration.OutboundSockets;
import dev.nex7.plugin.node.Credential;
import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.PortType;
import dev.nex7.plugin.node.Schema;
import dev.nex7.workflow.nodes.mail.IdentifiedMessage;
import dev.nex7.workflow.nodes.mail.MailAddresses;
import dev.nex7.workflow.nodes.mail.MailFailures;
import dev.nex7.workflow.nodes.mail.SmtpServer;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * The Send email node: sends one message through the SMTP server of an {@code smtp} credential and
 * emits {@code {messageId, accepted}}. The message's {@code Message-ID} comes from the run's
 * idempotency key, so a repeated run is recognisable. The SMTP host passes the same SSRF policy as
 * HTTP, STARTTLS is required when the credential asks for it (never silently skipped), and the
 * password never reaches the output, a failure message or a log line.
 */
@Component
public class SendEmail implements NodeType {

    /** The most attachment bytes one message may carry (after base64 decoding). */
    public static final long MAX_ATTACHMENT_BYTES = 25L * 1024 * 1024;
    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("send-email", 1)
            .displayName("Send email")
            .category("integration")
            .icon("mail")
            .description("Sends an email through an SMTP server, with a text and/or HTML body and attachments.")
            .input(Port.main())
            .output(Port.of(Port.MAIN, "Sent", PortType.OBJECT))
            .parameters(Schema.object()
                    .property("to", addresses("To"), true)
                    .property("cc", addresses("Cc"), false)
                    .property("bcc", addresses("Bcc"), false)
                    .property("replyTo", addresses("Reply to"), false)
                    .property("subject", Schema.string().title("Subject").maxLength(998), true)
                    .property("text", Schema.string().title("Text body").editor("text"), false)
                    .property("html", Schema.string().title("HTML body").editor("html"), false)
                    .property("attachments", Schema.array(Schema.object()
                                    .property("filename", Schema.string().minLength(1), true)
                                    .property("contentType", Schema.string(), false)
                                    .property("base64", Schema.string(), true))
                            .title("Attachments")
                            .description("A list of {filename, contentType, base64}, usually from the input: "
                                    + "{{ $input.attachments }}"), false)
                    .property("connectTimeoutMs", Schema.integer().title("Connect timeout (ms)").minimum(1)
                            .maximum(120_000).defaultValue(10_000), false)
                    .property("timeoutMs", Schema.integer().title("Timeout (ms)").minimum(1).maximum(300_000)
                            .defaultValue(30_000).description("The longest wait for each answer from the server"), false))
            .credential("smtp", true, CredentialKinds.SMTP)
            .build();

    private final OutboundSockets sockets;
    private final SSLSocketFactory tls;

    @Autowired
    public SendEmail(OutboundSockets sockets) throws NoSuchAlgorithmException {
        this(sockets, SSLContext.getDefault().getSocketFactory());
    }

    /** With the TLS client settings to use (the JVM's trust store in production). */
    SendEmail(OutboundSockets sockets, SSLSocketFactory tls) {
        this.sockets = sockets;
        this.tls = tls;
    }

    private static Schema addresses(String title) {
        return Schema.any().title(title).description("A list of addresses, or one text with addresses separated by commas");
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeOutcome execute(NodeContext context) throws NodeFailure {
        context.cancellation().throwIfCancelled();
        Parameters parameters = new Parameters(context.parameters());
        SmtpServer server = server(context.credential("smtp"));
        Recipients recipients = recipients(parameters);
        Duration connectTimeout = Duration.ofMillis(parameters.integer("connectTimeoutMs", 10_000, 1, 120_000));
        Duration timeout = Duration.ofMillis(parameters.integer("timeoutMs", 30_000, 1, 300_000));
        Session session = Session.getInstance(server.session(sockets.socketFactory(), sockets.checkedTls(tls),
                connectTimeout, timeout));
        MimeMessage message = message(session, server, recipients, parameters, context);
        checkHost(server);
        send(session, server, message, context);
        String messageId = header(message, "Message-ID");
        context.log().info("Sent " + messageId + " to " + recipients.all().size() + " recipient(s)");
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("messageId", messageId);
        output.put("accepted", recipients.all().stream().map(InternetAddress::getAddress).toList());
        return NodeOutcome.emit(output);
    }

    /**
     * Connects, sends and says goodbye. Once the server has taken the message, a failing goodbye is
     * not a failure: reporting one would have the engine send the message again.
     */
    private static void send(Session session, SmtpServer server, MimeMessage message, NodeContext context)
            throws NodeFailure {
        Transport transport = null;
        try {
            transport = session.getTransport("smtp");
            transport.connect(server.host(), server.port(), server.username(), server.password());
            context.cancellation().throwIfCancelled();
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException failure) {
            context.cancellation().throwIfCancelled();
            int lastReply = transport instanceof SMTPTransport smtp ? smtp.getLastReturnCode() : -1;
            throw MailFailures.of(failure, lastReply, text -> redact(text, server.password()));
        } finally {
            closeQuietly(transport);
        }
    }

    private static void closeQuietly(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // The message is sent or the failure is reported already; the connection is gone either way.
            }
        }
    }

    private static SmtpServer server(Optional<Credential> credential) throws NodeFailure {
        try {
            return SmtpServer.of(credential.orElseThrow(() -> NodeFailure.permanent("missing-credential",
                    "Choose an smtp credential to send with")));
        } catch (IllegalArgumentException invalid) {
            throw NodeFailure.permanent("invalid-credential", invalid.getMessage());
        }
    }

    private void checkHost(SmtpServer server) throws NodeFailure {
        try {
            sockets.check(server.host(), server.port());
        } catch (OutboundAddressBlocked blocked) {
            throw NodeFailure.permanent("blocked-address", "The SMTP host " + blocked.getMessage());
        } catch (IOException unresolved) {
            throw NodeFailure.retryable("connect-failed", "The SMTP host " + server.host() + " could not be found: "
                    + unresolved.getMessage());
        }
    }

    /** Who the message goes to; every address valid, at least one recipient in to. */
    private record Recipients(List<InternetAddress> to, List<InternetAddress> cc, List<InternetAddress> bcc,
            List<InternetAddress> replyTo) {

        List<InternetAddress> all() {
            List<InternetAddress> all = new ArrayList<>(to);
            all.addAll(cc);
            all.addAll(bcc);
            return all;
        }
    }

    private static Recipients recipients(Parameters parameters) throws NodeFailure {
        Recipients recipients = new Recipients(addresses(parameters, "to"), addresses(parameters, "cc"),
                addresses(parameters, "bcc"), addresses(parameters, "replyTo"));
        if (recipients.to().isEmpty()) {
            throw Parameters.invalid("to", "needs at least one address");
        }
        return recipients;
    }

    private static List<InternetAddress> addresses(Parameters parameters, String name) throws NodeFailure {
        try {
            return MailAddresses.parse(parameters.raw(name));
        } catch (IllegalArgumentException invalid) {
            throw NodeFailure.permanent("invalid-address", "Parameter " + name + ": " + invalid.getMessage());
        }
    }

    private static MimeMessage message(Session session, SmtpServer server, Recipients recipients, Parameters parameters,
            NodeContext context) throws NodeFailure {
        String subject = parameters.optionalText("subject").orElse("");
        if (subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw Parameters.invalid("subject", "must be one line");
        }
        String from = server.from().getAddress();
        MimeMessage message = new IdentifiedMessage(session, context.idempotencyKey(),
                from.substring(from.lastIndexOf('@') + 1));
        try {
            message.setFrom(server.from());
            message.setRecipients(Message.RecipientType.TO, recipients.to().toArray(InternetAddress[]::new));
            message.setRecipients(Message.RecipientType.CC, recipients.cc().toArray(InternetAddress[]::new));
            message.setRecipients(Message.RecipientType.BCC, recipients.bcc().toArray(InternetAddress[]::new));
            if (!recipients.replyTo().isEmpty()) {
                message.setReplyTo(recipients.replyTo().toArray(InternetAddress[]::new));
            }
            message.setSubject(subject, "UTF-8");
            message.setSentDate(Date.from(context.clock().instant()));
            body(message, parameters);
            message.saveChanges();
            return message;
        } catch (MessagingException invalid) {
            throw NodeFailure.permanent("invalid-message", "The message could not be built: " + invalid.getMessage());
        }
    }

    /** Text, HTML or both (as alternatives), then the attachments around them. */
    private static void body(MimeMessage message, Parameters parameters) throws MessagingException, NodeFailure {
        Optional<String> text = parameters.optionalText("text");
        Optional<String> html = parameters.optionalText("html");
        List<MimeBodyPart> attachments = attachments(parameters);
        MimeBodyPart content = new MimeBodyPart();
        if (text.isPresent() && html.isPresent()) {
            MimeMultipart alternatives = new MimeMultipart("alternative");
            alternatives.addBodyPart(textPart(text.get(), "plain"));
            alternatives.addBodyPart(textPart(html.get(), "html"));
            if (attachments.isEmpty()) {
                message.setContent(alternatives);
                return;
            }
            content.setContent(alternatives);
        } else {
            String subtype = html.isPresent() ? "html" : "plain";
            String body = html.orElse(text.orElse(""));
            if (attachments.isEmpty()) {
                message.setText(body, "UTF-8", subtype);
                return;
            }
            content.setText(body, "UTF-8", subtype);
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(content);
        for (MimeBodyPart attachment : attachments) {
            mixed.addBodyPart(attachment);
        }
        message.setContent(mixed);
    }

    private static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8", subtype);
        return part;
    }

    private static List<MimeBodyPart> attachments(Parameters parameters) throws NodeFailure, MessagingException {
        List<MimeBodyPart> parts = new ArrayList<>();
        long total = 0;
        List<Object> items = parameters.list("attachments");
        for (int index = 0; index < items.size(); index++) {
            if (!(items.get(index) instanceof Map<?, ?> item)) {
                throw Parameters.invalid("attachments", "item " + (index + 1) + " must be {filename, contentType, base64}");
            }
            String filename = item.get("filename") instanceof String name ? name.strip() : "";
            if (filename.isEmpty() || filename.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw Parameters.invalid("attachments", "item " + (index + 1) + " needs a one-line filename");
            }
            String type = item.get("contentType") instanceof String declared && !declared.isBlank() ? declared.strip()
                    : "application/octet-stream";
            byte[] bytes = decode(item.get("base64"), index);
            total += bytes.length;
            if (total > MAX_ATTACHMENT_BYTES) {
                throw Parameters.invalid("attachments", "hold more than " + MAX_ATTACHMENT_BYTES / (1024 * 1024) + " MB");
            }
            MimeBodyPart part = new MimeBodyPart();
            try {
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
            } catch (IllegalArgumentException invalidType) {
                throw Parameters.invalid("attachments", "item " + (index + 1) + " has an invalid content type");
            }
            part.setFileName(filename);
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            // Base64 keeps the bytes as they are: text parts would have their line ends rewritten.
            part.setHeader("Content-Transfer-Encoding", "base64");
            parts.add(part);
        }
        return parts;
    }

    private static byte[] decode(Object base64, int index) throws NodeFailure {
        if (!(base64 instanceof String text)) {
            throw Parameters.invalid("attachments", "item " + (index + 1) + " needs its content as base64 text");
        }
        try {
            return Base64.getDecoder().decode(text.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException invalid) {
            throw Parameters.invalid("attachments", "item " + (index + 1) + " is not valid base64");
        }
    }

    private static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (MessagingException unreadable) {
            return null;
        }
    }

    /** Servers do not echo passwords, but a message might; very short ones would redact everything. */
    private static String redact(String text, String password) {
        return password == null || password.length() < 4 ? text : text.replace(password, "[redacted]");
    }
}
