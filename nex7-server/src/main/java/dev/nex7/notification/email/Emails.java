package dev.nex7.notification.email;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import dev.nex7.notification.NotificationSettings;
import dev.nex7.notification.message.Announcement;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes notification emails: the announcement, an absolute link to the deployment (under
 * {@code nex7.notification.public-url}), and why the person gets it. Everything from the event is
 * escaped in the HTML part.
 */
@Component
public class Emails {

    private final NotificationSettings settings;
    private final JsonMapper json;

    Emails(NotificationSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
    }

    /** Whether the email channel is on (an SMTP host is configured). */
    public boolean enabled() {
        return settings.mail().configured();
    }

    public EmailMessage compose(Announcement announcement, String to) {
        String url = settings.linkTo(announcement.link());
        String preferences = settings.linkTo("/settings");
        String why = "You get this email because you are a member of " + announcement.projectName() + " and chose to hear about \""
                + announcement.kind().title() + "\" by email.";
        String text = announcement.title() + "\n\n" + announcement.text() + "\n\nOpen it in NEX7: " + url + "\n\n-- \n" + why
                + "\nChange what you get: " + preferences + "\n";
        String html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\">"
                + "<h2 style=\"font-size:18px\">" + escape(announcement.title()) + "</h2>"
                + "<p>" + escape(announcement.text()).replace("\n", "<br>") + "</p>"
                + "<p><a href=\"" + escape(url) + "\">Open it in NEX7</a></p>"
                + "<hr><p style=\"color:#666;font-size:12px\">" + escape(why) + " <a href=\"" + escape(preferences)
                + "\">Change what you get</a>.</p></body></html>";
        return new EmailMessage(to, "[NEX7] " + oneLine(announcement.title()), text, html);
    }

    /** The message as the outbox stores it. */
    public String payload(EmailMessage message) {
        return json.writeValueAsString(message);
    }

    EmailMessage read(String payload) {
        return json.readValue(payload, EmailMessage.class);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    /** A subject is one line: line breaks (from a project's name, say) must not start headers. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
