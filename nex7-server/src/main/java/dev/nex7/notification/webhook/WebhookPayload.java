package dev.nex7.notification.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.nex7.notification.NotificationSettings;
import dev.nex7.notification.message.Announcement;
import dev.nex7.notification.message.Announcements;
import dev.nex7.project.ProjectId;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of a webhook call: Slack-compatible (a Slack incoming webhook, or anything that reads
 * {@code text} and Block Kit {@code blocks}, shows it as it is), plus a {@code nex7} object for
 * programs: {@code deliveryId}, {@code kind}, {@code title}, {@code text}, {@code project}
 * ({@code id}, {@code name}), {@code deploymentId} and {@code link} (an absolute URL).
 */
@Component
public class WebhookPayload {

    /** Slack's limit for a header block's text. */
    private static final int MAX_HEADER = 150;

    private final NotificationSettings settings;
    private final JsonMapper json;

    WebhookPayload(NotificationSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
    }

    public String of(UUID deliveryId, Announcement announcement) {
        return render(deliveryId, announcement.kind().id(), announcement.title(), announcement.text(), announcement.projectId(),
                announcement.projectName(), announcement.deploymentId() == null ? null : announcement.deploymentId().toString(),
                settings.linkTo(announcement.link()));
    }

    /** What the test button sends: the shape of a real call, about nothing. */
    String test(UUID deliveryId, ProjectId project, String projectName) {
        return render(deliveryId, "test", "Test from NEX7", "This is a test of " + projectName
                + "'s notification webhook. Real calls tell about failed deployments, fixes and rollbacks.", project, projectName, null,
                settings.linkTo("/projects/" + project));
    }

    private String render(UUID deliveryId, String kind, String title, String text, ProjectId project, String projectName,
            String deploymentId, String link) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", mrkdwn(title) + "\n" + mrkdwn(text) + "\n<" + link + "|Open in NEX7>");
        body.put("blocks", List.of(
                Map.of("type", "header", "text", Map.of("type", "plain_text", "text", Announcements.cut(title, MAX_HEADER))),
                Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", mrkdwn(text))),
                Map.of("type", "actions", "elements", List.of(Map.of("type", "button", "text",
                        Map.of("type", "plain_text", "text", "Open in NEX7"), "url", link))),
                Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text",
                        "NEX7 · " + mrkdwn(projectName) + " · " + kind)))));
        Map<String, Object> nex7 = new LinkedHashMap<>();
        nex7.put("deliveryId", deliveryId.toString());
        nex7.put("kind", kind);
        nex7.put("title", title);
        nex7.put("text", text);
        nex7.put("project", Map.of("id", project.toString(), "name", projectName));
        nex7.put("deploymentId", deploymentId);
        nex7.put("link", link);
        body.put("nex7", nex7);
        return json.writeValueAsString(body);
    }

    /** Slack reads {@code &}, {@code <} and {@code >} as markup; text from events must not be. */
    private static String mrkdwn(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
