package dev.nex7.notification.email;

import java.time.Clock;
import java.util.Date;
import java.util.Properties;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.stereotype.Component;

import dev.nex7.notification.NotificationSettings;
import dev.nex7.notification.delivery.Attempt;
import dev.nex7.notification.delivery.Channel;
import dev.nex7.notification.delivery.Delivery;
import dev.nex7.notification.delivery.DeliveryChannel;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Sends notification emails through the system SMTP server ({@code nex7.notification.mail.*}). That
 * server is the operator's own setting, often a relay on the same machine, so it is not put through
 * the SSRF guard that protects addresses people type in. An SMTP 5xx reply is final; a 4xx reply,
 * a timeout or a broken connection is tried again. The password never reaches a log line or an error.
 */
@Component
class EmailChannel implements DeliveryChannel {

    private final NotificationSettings.Mail mail;
    private final Emails emails;
    private final InternetAddress from;
    private final Clock clock;

    EmailChannel(NotificationSettings settings, Emails emails, Clock clock) {
        this.mail = settings.mail();
        this.emails = emails;
        this.clock = clock;
        try {
            this.from = new InternetAddress(mail.from(), true);
        } catch (AddressException invalid) {
            throw new IllegalStateException("nex7.notification.mail.from is not a valid address", invalid);
        }
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public int maxAttempts() {
        return mail.maxAttempts();
    }

    @Override
    public Attempt attempt(Delivery delivery) {
        if (!mail.configured()) {
            return Attempt.failed(null, "Email is not configured (nex7.notification.mail.host)");
        }
        EmailMessage content = emails.read(delivery.payload());
        Session session = Session.getInstance(properties());
        MimeMessage message;
        try {
            message = message(session, delivery, content);
        } catch (MessagingException invalid) {
            return Attempt.failed(null, "The email could not be written: " + redact(invalid.getMessage()));
        }
        Transport transport = null;
        try {
            transport = session.getTransport("smtp");
            String username = blankToNull(mail.username());
            // Without a username there is no signing in: a password alone would have Jakarta Mail sign in as the OS user.
            transport.connect(mail.host(), mail.port(), username, username == null ? null : blankToNull(mail.password()));
            transport.sendMessage(message, message.getAllRecipients());
            return Attempt.delivered(transport instanceof SMTPTransport smtp ? smtp.getLastReturnCode() : null);
        } catch (MessagingException failure) {
            int reply = transport instanceof SMTPTransport smtp ? smtp.getLastReturnCode() : -1;
            String error = "SMTP " + (reply > 0 ? reply + ": " : "") + redact(failure.getMessage());
            return reply >= 500 && reply < 600 ? Attempt.failed(reply, error) : Attempt.retry(reply > 0 ? reply : null, error);
        } finally {
            close(transport);
        }
    }

    private MimeMessage message(Session session, Delivery delivery, EmailMessage content) throws MessagingException {
        String domain = from.getAddress().substring(from.getAddress().lastIndexOf('@') + 1);
        // The Message-ID comes from the delivery: a retry after an unanswered attempt is recognisably the same email.
        String messageId = "<" + delivery.id() + ".nex7@" + domain + ">";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(content.to(), true));
        message.setSubject(content.subject(), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        MimeMultipart alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(part(content.text(), "plain"));
        alternatives.addBodyPart(part(content.html(), "html"));
        message.setContent(alternatives);
        message.saveChanges();
        return message;
    }

    private static MimeBodyPart part(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8", subtype);
        return part;
    }

    private Properties properties() {
        String timeout = String.valueOf(mail.timeout().toMillis());
        Properties properties = new Properties();
        properties.put("mail.smtp.host", mail.host());
        properties.put("mail.smtp.port", String.valueOf(mail.port()));
        properties.put("mail.smtp.auth", String.valueOf(blankToNull(mail.username()) != null));
        properties.put("mail.smtp.starttls.enable", String.valueOf(mail.starttls()));
        properties.put("mail.smtp.starttls.required", String.valueOf(mail.starttls()));
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        properties.put("mail.smtp.from", from.getAddress());
        properties.put("mail.debug", "false");
        return properties;
    }

    private static void close(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // Sent or failed already; the connection is gone either way.
            }
        }
    }

    /** Servers do not echo passwords, but a message might; very short ones would redact everything. */
    private String redact(String text) {
        String password = mail.password();
        if (text == null) {
            return "no detail";
        }
        return password == null || password.length() < 4 ? text : text.replace(password, "[redacted]");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
