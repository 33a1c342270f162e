package dev.nex7.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;

import dev.nex7.support.IntegrationTest;

/**
 * Base of the browser tests: one headless Chromium per class (Debian's /usr/bin/chromium, or
 * NEX7_CHROMIUM), a fresh context and page per test. .ci/run installs Chromium and runs these
 * with -Pbrowser-tests.
 */
@Tag("browser")
abstract class BrowserTest extends IntegrationTest {

    /** Where screenshots go; CI keeps them as artifacts. */
    protected static final Path ARTIFACTS = Path.of("target", "screenshots");
    private static Playwright playwright;
    private static Browser browser;
    private BrowserContext context;
    private final List<BrowserContext> others = new java.util.ArrayList<>();
    protected Page page;

    @BeforeAll
    static void launch() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        String executable = System.getenv().getOrDefault("NEX7_CHROMIUM", "/usr/bin/chromium");
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(executable)).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** The window size of each test's page. */
    protected int[] viewport() {
        return new int[] {1280, 800};
    }

    @BeforeEach
    void open() {
        int[] size = viewport();
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(size[0], size[1])
                .setColorScheme(ColorScheme.LIGHT));
        page = context.newPage();
        page.setDefaultTimeout(15_000);
    }

    /** A page in a browser context of its own (another person's browser), closed after the test. */
    protected Page anotherBrowser() {
        int[] size = viewport();
        BrowserContext other = browser.newContext(new Browser.NewContextOptions().setViewportSize(size[0], size[1])
                .setColorScheme(ColorScheme.LIGHT));
        others.add(other);
        Page otherPage = other.newPage();
        otherPage.setDefaultTimeout(15_000);
        return otherPage;
    }

    /** Signs {@code email} in on {@code target} through the sign-in page and waits for the projects page. */
    protected void signIn(Page target, String email) {
        target.navigate(api.base() + "/signin");
        target.getByLabel("Email").fill(email);
        target.getByLabel("Password").fill(PASSWORD);
        target.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(target.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Projects").setExact(true))).isVisible();
    }

    /** Signs {@code email} in on the test's page. */
    protected void signIn(String email) {
        signIn(page, email);
    }

    /** The workflow node on the canvas showing {@code text} (its name or type) exactly. */
    protected static Locator node(Page target, String text) {
        return target.locator(".react-flow__node-workflow").filter(new Locator.FilterOptions()
                .setHas(target.getByText(text, new Page.GetByTextOptions().setExact(true))));
    }

    /** Runs before the page closes, whatever the outcome: a place to keep what the page showed. */
    protected void beforeClose() throws Exception {
    }

    @AfterEach
    void closeContext() throws Exception {
        try {
            beforeClose();
        } finally {
            others.forEach(BrowserContext::close);
            others.clear();
            context.close();
        }
    }
}
