package dev.nex7.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Files;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.nex7.support.Api;

/**
 * Templates, executions and approvals in a real Chromium: create the approval flow from the template
 * gallery, run it until it waits, find it in the project's executions, open it read-only on the canvas
 * as it ran, approve it on the Approvals page and see it finish.
 */
@Tag("browser")
class WorkflowTemplatesBrowserTests extends BrowserTest {

    @Override
    protected int[] viewport() {
        return new int[] {1920, 1080};
    }

    @Override
    protected void beforeClose() throws Exception {
        Files.createDirectories(ARTIFACTS);
        page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("workflow-templates-last.png")));
    }

    @Test
    void createFromATemplateRunItSeeItInTheExecutionsAndApproveIt() throws Exception {
        Session owner = newUser("Template User");
        String projectId = api.post("/api/projects").token(owner.accessToken())
                .json(Api.map("name", "Purchasing", "type", "web")).send().json().path("id").asString();
        signIn(owner.email());

        page.navigate(api.base() + "/projects/" + projectId + "/workflows");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New from template")).click();
        Locator gallery = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("New from template"));
        gallery.getByLabel("Search templates").fill("approve");
        assertThat(gallery.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Templates")).getByRole(AriaRole.HEADING)).hasCount(1);
        gallery.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Use template Approval flow")).click();
        assertThat(page).hasURL(Pattern.compile(".*/workflows/[0-9a-f-]{36}$"));
        String workflowId = page.url().substring(page.url().lastIndexOf('/') + 1);
        assertThat(page.locator(".react-flow__node-workflow")).hasCount(5);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("▶ Run")).click();
        page.getByLabel("Input (JSON, optional)").fill("{\"body\": {\"request\": \"new laptop\", \"amount\": 1200}}");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start run")).click();
        assertThat(page.getByTestId("status-ask")).hasText(Pattern.compile("^waiting"));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Executions")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Executions"))).isVisible();
        Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("Approval flow"));
        assertThat(row).hasCount(1);
        assertThat(row).containsText("waiting");
        assertThat(row).containsText("Manual");
        assertThat(row).containsText("Template User");
        row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Approval flow")).click();

        assertThat(page).hasURL(Pattern.compile(".*/executions/[0-9a-f-]{36}$"));
        Locator canvas = page.getByTestId("execution-canvas");
        assertThat(canvas.locator(".react-flow__node-workflow")).hasCount(5);
        assertThat(page.getByTestId("status-hook")).hasText(Pattern.compile("^succeeded"));
        assertThat(page.getByTestId("status-ask")).hasText(Pattern.compile("^waiting"));
        canvas.locator(".react-flow__node-workflow").filter(new Locator.FilterOptions().setHasText("Request")).first().click();
        Locator runPanel = page.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("Node run"));
        assertThat(runPanel).containsText("new laptop");
        assertThat(runPanel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Pin output"))).hasCount(0);
        page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("execution-view.png")));
        String executionId = page.url().substring(page.url().lastIndexOf('/') + 1);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Approvals")).click();
        Locator card = page.getByRole(AriaRole.LISTITEM, new Page.GetByRoleOptions().setName("Approval flow · Approve request"));
        assertThat(card).containsText("Approve \"new laptop\" for 1200?");
        card.getByLabel("Comment (optional)").fill("Within budget");
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve")).click();
        assertThat(page.getByText("Approved: Approval flow · Approve request.")).isVisible();
        assertThat(page.getByText("Nothing is waiting for a decision.")).isVisible();

        page.navigate(api.base() + "/executions/" + executionId);
        assertThat(page.getByTestId("status-approved")).hasText(Pattern.compile("^succeeded"));
        assertThat(page.getByTestId("status-rejected")).hasText(Pattern.compile("^skipped"));

        // Back in the editor, the approval's message field completes paths from that run and previews the text.
        page.navigate(api.base() + "/workflows/" + workflowId);
        page.locator(".react-flow__node-workflow").filter(new Locator.FilterOptions().setHasText("Approve request")).first().click();
        Locator message = page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Message"));
        message.fill("Ship ");
        message.pressSequentially("{{ $input.bo");
        assertThat(page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("$input.body.request"))).isVisible();
        message.pressSequentially("dy.r");
        assertThat(page.getByRole(AriaRole.LISTBOX, new Page.GetByRoleOptions().setName("Expression suggestions")).getByRole(AriaRole.OPTION)).hasCount(1);
        message.press("Enter");
        assertThat(message).hasValue("Ship {{ $input.body.request }}");
        assertThat(page.getByTestId("expression-preview")).hasText("= Ship new laptop");
        page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("expression-preview.png")));
    }
}
