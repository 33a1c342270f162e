package dev.nex7.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.nex7.deployment.DeploymentEvents.DeploymentFailed;
import dev.nex7.deployment.DeploymentId;
import dev.nex7.notification.Settings;
import dev.nex7.notification.message.Announcements;
import dev.nex7.project.ProjectId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookPayloadTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final WebhookPayload payloads = new WebhookPayload(Settings.defaults(), JSON);

    @Test
    void textFromTheEventCannotPingAChannelOrForgeALinkInSlack() {
        ProjectId project = ProjectId.random();
        DeploymentFailed event = new DeploymentFailed(project, DeploymentId.random(), "local", null, "<!channel> look <https://evil.example|here>",
                "main", null, "a < b && c > d");

        JsonNode body = JSON.readTree(payloads.of(UUID.randomUUID(), Announcements.of(event, "Shop & Co")));

        String section = body.path("blocks").get(1).path("text").path("text").asString();
        assertThat(section).contains("&lt;!channel&gt;").contains("&lt;https://evil.example|here&gt;").contains("a &lt; b &amp;&amp; c &gt; d");
        assertThat(body.path("text").asString()).doesNotContain("<!channel>").endsWith("|Open in NEX7>");
        assertThat(body.path("blocks").get(0).path("text").path("text").asString()).isEqualTo("Deployment failed in Shop & Co");
        // Programs get the text as it was.
        assertThat(body.path("nex7").path("text").asString()).contains("<!channel>");
        assertThat(body.path("nex7").path("link").asString()).startsWith("https://nex7.example.com/projects/" + project + "/deployments/");
    }

    @Test
    void theSignatureIsTheHmacOfTimestampDotBody() {
        // Verified against `printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test`.
        assertThat(WebhookSignature.sign("whsec_test", 1_700_000_000L, "{\"a\":1}"))
                .isEqualTo("sha256=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
    }
}
