package dev.nex7.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.nex7.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * Several people on one workflow at once, each in a browser of their own: they see each other, both
 * people's edits survive in every browser and in the saved draft, and a viewer watches live but
 * cannot edit.
 */
class WorkflowCollaborationBrowserTests extends BrowserTest {

    @Test
    void twoEditorsEditAtOnceBothChangesSurviveAndAViewerWatchesLiveWithoutEditing() throws Exception {
        Session ada = newUser("Ada Owner");
        Session bea = newUser("Bea Editor");
        Session vic = newUser("Vic Viewer");
        String projectId = api.post("/api/projects").token(ada.accessToken()).json(Api.map("name", "Together", "type", "web")).send()
                .json().path("id").asString();
        api.post("/api/projects/" + projectId + "/members").token(ada.accessToken()).json(Api.map("email", bea.email(), "role", "editor")).send();
        api.post("/api/projects/" + projectId + "/members").token(ada.accessToken()).json(Api.map("email", vic.email(), "role", "viewer")).send();
        Map<String, Object> definition = Api.map("nodes", List.of(
                Api.map("id", "start", "type", "manual-trigger", "typeVersion", 1, "name", "Start", "position", Api.map("x", 0, "y", 0),
                        "parameters", Map.of())), "edges", List.of());
        String workflowId = api.post("/api/projects/" + projectId + "/workflows").token(ada.accessToken())
                .json(Api.map("name", "Shared", "definition", definition)).send().json().path("id").asString();

        Page first = page;
        Page second = anotherBrowser();
        Page viewer = anotherBrowser();
        open(first, ada, workflowId);
        open(second, bea, workflowId);
        open(viewer, vic, workflowId);

        // Presence: each editor sees the other (and the viewer).
        assertThat(first.getByTestId("peer-avatar").and(first.getByLabel("Bea Editor"))).isVisible();
        assertThat(second.getByTestId("peer-avatar").and(second.getByLabel("Ada Owner"))).isVisible();

        // Both add a node at the same time (neither waits for the other).
        addFromPalette(first, "set f");
        addFromPalette(second, "transf");
        for (Page each : List.of(first, second, viewer)) {
            assertThat(each.locator(".react-flow__node-workflow")).hasCount(3);
            assertThat(node(each, "Set fields")).isVisible();
            assertThat(node(each, "Transform")).isVisible();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode draft = api.get("/api/workflows/" + workflowId).token(ada.accessToken()).send().json().path("draft");
            org.assertj.core.api.Assertions.assertThat(draft.path("nodes").valueStream().map(n -> n.path("type").asString()))
                    .containsExactlyInAnyOrder("manual-trigger", "set", "transform");
        });

        // Where Ada points and what she selects shows in Bea's browser.
        node(first, "Set fields").click();
        first.mouse().move(700, 500);
        first.mouse().move(720, 520);
        assertThat(second.getByTestId("peer-cursor").filter(new Locator.FilterOptions().setHasText("Ada Owner"))).isVisible();
        assertThat(second.getByTestId("peer-selection").first()).isVisible();

        // The viewer sees everything live but has nothing to edit with.
        assertThat(viewer.getByText("View only")).isVisible();
        assertThat(viewer.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Add a node"))).hasCount(0);
        viewer.keyboard().press("n");
        assertThat(viewer.locator(".react-flow__node-note")).hasCount(0);

        Files.createDirectories(ARTIFACTS);
        second.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("workflow-collaboration.png")));
    }

    private void open(Page target, Session who, String workflowId) {
        signIn(target, who.email());
        target.navigate(api.base() + "/workflows/" + workflowId);
        assertThat(node(target, "Start")).isVisible();
        assertThat(target.getByTestId("sync-status")).hasText("All changes saved");
    }

    private static void addFromPalette(Page target, String search) {
        target.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Add a node")).fill(search);
        target.keyboard().press("Enter");
    }
}
