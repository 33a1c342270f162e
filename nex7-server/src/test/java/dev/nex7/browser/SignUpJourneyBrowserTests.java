package dev.nex7.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Files;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ScreenshotAnimations;

/**
 * What a person does in the web UI, in a real Chromium: sign up, create a project, stay signed in
 * across a reload, add a member, sign out and back in. Needs Chromium (Debian's /usr/bin/chromium,
 * or NEX7_CHROMIUM); .ci/run installs it and runs these with -Pbrowser-tests.
 */
@Tag("browser")
class SignUpJourneyBrowserTests extends BrowserTest {

    @Test
    void signUpCreateAProjectReloadSignOutAndSignIn() throws Exception {
        String email = "journey-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Session teammate = newUser("Teammate");

        page.navigate(api.base() + "/");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/signin.*"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an account")).click();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Journey Tester");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Projects").setExact(true))).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New project")).first().click();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Launchpad");
        page.getByLabel("Description").fill("Marketing site");
        page.getByLabel("Type", new Page.GetByLabelOptions().setExact(true)).selectOption("web");
        page.getByLabel("Repository URL").fill("https://github.com/acme/launchpad");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create project")).click();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Launchpad"))).isVisible();

        page.reload(); // the access token lived in memory only: the refresh cookie must restore the session
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Launchpad"))).isVisible();
        Files.createDirectories(ARTIFACTS);
        page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("projects.png")).setFullPage(true));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Switch to dark theme")).click();
        assertThat(page.locator("html")).hasClass(java.util.regex.Pattern.compile("\\bdark\\b"));
        page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("projects-dark.png"))
                .setAnimations(ScreenshotAnimations.DISABLED));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Switch to light theme")).click();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Launchpad")).click();
        page.getByLabel("Member email").fill(teammate.email());
        page.getByLabel("Role", new Page.GetByLabelOptions().setExact(true)).selectOption("editor");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add member")).click();
        assertThat(page.getByText(teammate.email())).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("project-detail.png")));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/signin.*"));
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Launchpad"))).isVisible();

        var teammateView = api.get("/api/projects").token(teammate.accessToken()).send().json().path("items");
        org.assertj.core.api.Assertions.assertThat(teammateView.get(0).path("name").asString()).isEqualTo("Launchpad");
        org.assertj.core.api.Assertions.assertThat(teammateView.get(0).path("myRole").asString()).isEqualTo("editor");
    }

    @Test
    void theServersFieldErrorsAppearNextToTheField() {
        page.navigate(api.base() + "/signup");
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Weak Password");
        page.getByLabel("Email").fill("weak-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        page.getByLabel("Password").fill("password1234");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();

        assertThat(page.getByLabel("Password")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByText("too common")).isVisible();
    }
}
