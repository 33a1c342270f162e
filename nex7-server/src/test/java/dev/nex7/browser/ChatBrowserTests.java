package dev.nex7.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.nex7.agent.FakeModelIntegrationTest;
import dev.nex7.support.Api;

/**
 * The chat in a real browser: a message streams back from the fake Anthropic, Nexy hands the
 * conversation to Debugger (the handoff shows inline), Debugger's answer streams in, and the composer
 * now addresses Debugger.
 */
class ChatBrowserTests extends BrowserTest {

    @DynamicPropertySource
    static void fakeAnthropic(DynamicPropertyRegistry properties) {
        properties.add("nex7.llm.anthropic.base-url", () -> "http://127.0.0.1:" + FakeModelIntegrationTest.anthropic.port());
        properties.add("nex7.llm.anthropic.api-key", () -> "sk-ant-api03-browser-test-key");
        properties.add("nex7.llm.openai.enabled", () -> "false");
        properties.add("nex7.llm.compatible.enabled", () -> "false");
    }

    @BeforeEach
    void resetFake() {
        FakeModelIntegrationTest.anthropic.resetAll();
        api.post("/api/admin/outbound-allow-list").token(admin().accessToken())
                .json(Api.map("entry", "127.0.0.1:" + FakeModelIntegrationTest.anthropic.port())).send();
    }

    @Override
    protected void beforeClose() {
        page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("chat-handoff.png")));
    }

    @Test
    void aStreamedAnswerWithAHandoffShowsInTheChat() {
        Session person = newUser("Chat Person");
        FakeModelIntegrationTest.script(
                FakeModelIntegrationTest.toolUse("toolu_b1", "agents_handoff",
                        Map.of("agent", "debugger", "summary", "The nightly deploy fails with exit code 1.")),
                FakeModelIntegrationTest.text("Let's read ", "the build log ", "of the nightly deploy."));
        signIn(person.email());

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Chat")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New conversation")).first().click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start conversation")).click();
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message")).fill("my nightly deploy keeps failing");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();

        var messages = page.getByRole(AriaRole.LOG, new Page.GetByRoleOptions().setName("Messages"));
        assertThat(messages.getByText("my nightly deploy keeps failing")).isVisible();
        assertThat(page.getByRole(AriaRole.NOTE, new Page.GetByRoleOptions()
                .setName("Nexy handed this to Debugger: The nightly deploy fails with exit code 1."))).isVisible();
        assertThat(messages.getByText("Let's read the build log of the nightly deploy.")).isVisible();
        assertThat(page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message"))).hasAttribute("placeholder", java.util.regex.Pattern.compile("^Message Debugger…"));
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retry"))).isVisible();
    }
}
