package dev.nex7.workflow.nodes.mail;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

import dev.nex7.plugin.node.Credential;
import jakarta.mail.internet.InternetAddress;

/**
 * The SMTP server a Send email node talks to, read from an {@code smtp} credential, and the Jakarta
 * Mail session settings that go with it.
 *
 * @param host the server's host name or IP address
 * @param port the TCP port
 * @param username who to sign in as, or {@code null} to send without signing in
 * @param password the password, or {@code null}
 * @param security {@code none}, {@code starttls} (required, never skipped) or {@code tls} (implicit TLS)
 * @param from the sender address
 */
public record SmtpServer(String host, int port, String username, String password, String security,
        InternetAddress from) {

    public SmtpServer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
    }

    /**
     * Reads a credential.
     *
     * @throws IllegalArgumentException naming the field that is missing or invalid, never a secret
     */
    public static SmtpServer of(Credential credential) {
        String host = credential.fields().getOrDefault("host", "").strip();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("The SMTP credential has no host");
        }
        String security = credential.fields().getOrDefault("security", "starttls").strip().toLowerCase(Locale.ROOT);
        if (!security.equals("none") && !security.equals("starttls") && !security.equals("tls")) {
            throw new IllegalArgumentException("The SMTP credential's security is one of none, starttls, tls");
        }
        InternetAddress from;
        try {
            from = MailAddresses.one(credential.fields().getOrDefault("from", ""));
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("The SMTP credential's from address is not valid");
        }
        String username = credential.fields().get("username");
        String password = credential.fields().get("password");
        return new SmtpServer(host, port(credential.fields().get("port"), security), blankToNull(username),
                blankToNull(password), security, from);
    }

    /**
     * Jakarta Mail settings for one connection: sockets through {@code sockets} (the SSRF policy),
     * TLS from {@code tls} with the server's name checked against its certificate, and the timeouts.
     * A socket factory that fails is never bypassed: Jakarta Mail's fallback to a plain socket is off.
     */
    public Properties session(SocketFactory sockets, SSLSocketFactory tls, Duration connectTimeout, Duration timeout) {
        Properties properties = new Properties();
        properties.put("mail.smtp.socketFactory", sockets);
        properties.put("mail.smtp.socketFactory.fallback", "false");
        properties.put("mail.smtp.ssl.socketFactory", tls);
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.ssl.enable", String.valueOf(security.equals("tls")));
        properties.put("mail.smtp.starttls.enable", String.valueOf(security.equals("starttls")));
        properties.put("mail.smtp.starttls.required", String.valueOf(security.equals("starttls")));
        properties.put("mail.smtp.auth", String.valueOf(username != null));
        properties.put("mail.smtp.connectiontimeout", String.valueOf(connectTimeout.toMillis()));
        properties.put("mail.smtp.timeout", String.valueOf(timeout.toMillis()));
        properties.put("mail.smtp.writetimeout", String.valueOf(timeout.toMillis()));
        properties.put("mail.smtp.from", from.getAddress());
        properties.put("mail.smtp.sendpartial", "false");
        properties.put("mail.debug", "false");
        properties.put("mail.debug.auth", "false");
        return properties;
    }

    @Override
    public String toString() {
        return "SmtpServer[" + host + ":" + port + ", " + security + ", from " + from.getAddress() + "]";
    }

    private static int port(String text, String security) {
        if (text == null || text.isBlank()) {
            return security.equals("tls") ? 465 : 587;
        }
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // Said below.
        }
        throw new IllegalArgumentException("The SMTP credential's port is not a number between 1 and 65535");
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
