package dev.nex7.browser;

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
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
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
