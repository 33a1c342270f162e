package dev.nex7.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;

/**
 * The canvas figures of issue 5 in headless Chromium, against a running NEX7 with a big workflow
 * (bench/canvas.sh makes both): time from navigation to all nodes rendered, frame rate while panning,
 * and how long an edit (a keystroke renaming a node) takes to show in a second browser. All timing is taken inside the pages with
 * the Performance API (performance.timeOrigin + performance.now(), shared by both pages' clocks).
 *
 * <p>Arguments: base URL, email, password, workflow id, node count, [opens=5] [edits=100].
 *
 * <p>With {@code NEX7_CANVAS_TRACE=DIR} it also writes Chrome performance traces (with JavaScript CPU
 * samples) of the first panning run ({@code DIR/pan.json}) and of the second browser while the edits
 * arrive ({@code DIR/edits.json}), for {@code bench/trace-summary.py}. Tracing slows the pages down,
 * so figures printed in that mode are not comparable with untraced runs.
 */
public final class CanvasBench {

    /** What the DevTools performance panel records, with the V8 sampler for JavaScript call stacks. */
    private static final List<String> TRACE_CATEGORIES = List.of("toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline",
            "disabled-by-default-devtools.timeline.frame", "v8.execute", "disabled-by-default-v8.cpu_profiler", "blink.user_timing", "cc", "viz");

    private CanvasBench() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String email = args[1];
        String password = args[2];
        String workflow = args[3];
        int nodes = Integer.parseInt(args[4]);
        int opens = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        int edits = args.length > 6 ? Integer.parseInt(args[6]) : 100;
        String executable = System.getenv().getOrDefault("NEX7_CHROMIUM", "/usr/bin/chromium");
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of(executable))
                    .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run")));
            Page first = signedIn(browser, base, email, password);
            List<Double> renders = new ArrayList<>();
            for (int i = 0; i < opens; i++) {
                double ms = open(first, base, workflow, nodes);
                renders.add(ms);
                System.out.printf("open %d: all %d nodes rendered %.0f ms after navigation%s%n", i + 1, nodes, ms,
                        i == 0 ? " (first open of the workflow: the server seeds its live document)" : "");
            }
            List<Double> warm = renders.subList(Math.min(1, renders.size()), renders.size());
            System.out.printf("first render: first open %.0f ms; later opens median %.0f ms (min %.0f, max %.0f, n=%d)%n",
                    renders.get(0), median(warm), Collections.min(warm), Collections.max(warm), warm.size());

            traced(browser, first, "pan.json", () -> pan(first, "panning"));
            // Diagnostic: the same without the minimap, which redraws its 500 nodes' viewport mask on every move.
            first.addStyleTag(new Page.AddStyleTagOptions().setContent(".react-flow__minimap { display: none !important; }"));
            pan(first, "panning, minimap hidden (diagnostic)");
            open(first, base, workflow, nodes); // a fresh page (no injected style); not reload() + navigate: two refreshes of the sign-in would race

            Page second = signedIn(browser, base, email, password);
            // Diagnostic: when each WebSocket message reaches the second page, to split an edit's time into
            // transport (first page → server → second page) and the second page's own work.
            second.addInitScript("""
                    (() => {
                      window.__wsIn = [];
                      const Native = window.WebSocket;
                      window.WebSocket = class extends Native {
                        constructor(...args) {
                          super(...args);
                          this.addEventListener('message', () => window.__wsIn.push(performance.timeOrigin + performance.now()));
                        }
                      };
                    })();""");
            open(second, base, workflow, nodes);
            traced(browser, second, "edits.json", () -> editLatency(first, second, edits));
            browser.close();
        }
    }

    /** Runs the step under a Chrome trace of the page when NEX7_CANVAS_TRACE names a directory. */
    private static void traced(Browser browser, Page page, String file, Runnable step) {
        String dir = System.getenv("NEX7_CANVAS_TRACE");
        if (dir == null || dir.isBlank()) {
            step.run();
            return;
        }
        Path path = Path.of(dir, file);
        browser.startTracing(page, new Browser.StartTracingOptions().setPath(path).setScreenshots(false).setCategories(TRACE_CATEGORIES));
        try {
            step.run();
        } finally {
            browser.stopTracing();
        }
        System.out.println("  trace written to " + path + " (figures above were measured while tracing)");
    }

    private static Page signedIn(Browser browser, String base, String email, String password) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1600, 1000));
        Page page = context.newPage();
        page.setDefaultTimeout(120_000);
        page.navigate(base + "/signin");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Projects").setExact(true)).waitFor();
        return page;
    }

    /** Navigates to the editor; returns ms from navigation start until every node is in the page and visible. */
    private static double open(Page page, String base, String workflow, int nodes) {
        page.navigate(base + "/workflows/" + workflow);
        Object at;
        try {
            at = waitForNodes(page, nodes);
        } catch (com.microsoft.playwright.TimeoutError timeout) {
            Path shot = Path.of(System.getProperty("java.io.tmpdir"), "canvas-bench-timeout.png");
            page.screenshot(new Page.ScreenshotOptions().setPath(shot));
            throw new IllegalStateException("The nodes did not render; the page is in " + shot, timeout);
        }
        return ((Number) at).doubleValue();
    }

    private static Object waitForNodes(Page page, int nodes) {
        return page.waitForFunction("""
                (count) => {
                  const all = document.querySelectorAll('.react-flow__node-workflow');
                  if (all.length < count) return false;
                  for (const node of all) if (getComputedStyle(node).visibility === 'hidden') return false;
                  return performance.now();
                }""", nodes, new Page.WaitForFunctionOptions().setPollingInterval(16).setTimeout(120_000)).jsonValue();
    }

    /** Drags the empty canvas around for a few seconds and reports the frame rate the page managed. */
    @SuppressWarnings("unchecked")
    private static void pan(Page page, String label) {
        Map<String, Object> spot = (Map<String, Object>) page.evaluate("""
                () => {
                  const pane = document.querySelector('.react-flow__pane').getBoundingClientRect();
                  for (let y = pane.top + 20; y < pane.bottom - 20; y += 10)
                    for (let x = pane.left + 20; x < pane.right - 20; x += 10) {
                      const hit = document.elementFromPoint(x, y);
                      if (hit && hit.classList.contains('react-flow__pane')) return { x, y };
                    }
                  return null;
                }""");
        if (spot == null) {
            System.out.println(label + ": no empty spot on the canvas to drag; not measured");
            return;
        }
        double x = ((Number) spot.get("x")).doubleValue();
        double y = ((Number) spot.get("y")).doubleValue();
        page.evaluate("""
                () => {
                  window.__frames = [];
                  const tick = (t) => { window.__frames.push(t); if (!window.__stopFrames) requestAnimationFrame(tick); };
                  window.__stopFrames = false;
                  requestAnimationFrame(tick);
                }""");
        page.mouse().move(x, y);
        page.mouse().down();
        for (int round = 0; round < 4; round++) {
            page.mouse().move(x + 300, y + 150, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(60));
            page.mouse().move(x, y, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(60));
        }
        page.mouse().up();
        List<Number> frames = (List<Number>) page.evaluate("() => { window.__stopFrames = true; return window.__frames; }");
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < frames.size(); i++) {
            gaps.add(frames.get(i).doubleValue() - frames.get(i - 1).doubleValue());
        }
        double span = frames.getLast().doubleValue() - frames.getFirst().doubleValue();
        Collections.sort(gaps);
        System.out.printf("%s: %d frames in %.0f ms = %.1f fps; frame time median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                label, frames.size() - 1, span, (frames.size() - 1) * 1000 / span, median(gaps), gaps.get((int) Math.ceil(gaps.size() * 0.95) - 1),
                gaps.getLast());
    }

    /**
     * Renames a node in the first browser one keystroke at a time (each keystroke is one edit of the
     * live document) and times how long each takes to show in the second: key event in the first
     * page to the node's text changing in the second.
     */
    @SuppressWarnings("unchecked")
    private static void editLatency(Page first, Page second, int edits) {
        String node = ".react-flow__node-workflow[data-id='n250']";
        second.evaluate("""
                (selector) => {
                  window.__seen = [];
                  const target = document.querySelector(selector);
                  new MutationObserver(() => window.__seen.push(performance.timeOrigin + performance.now()))
                    .observe(target, { subtree: true, childList: true, characterData: true });
                }""", node);
        first.locator(node).click();
        var name = first.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Name").setExact(true));
        name.click();
        first.keyboard().press("End");
        first.evaluate("""
                () => {
                  window.__keys = [];
                  document.addEventListener('keydown', () => window.__keys.push(performance.timeOrigin + performance.now()), true);
                }""");
        List<Double> latencies = new ArrayList<>();
        List<Double> transport = new ArrayList<>();
        for (int i = 1; i <= edits; i++) {
            int seenBefore = ((Number) second.evaluate("() => window.__seen.length")).intValue();
            int keysBefore = ((Number) first.evaluate("() => window.__keys.length")).intValue();
            int wsBefore = ((Number) second.evaluate("() => window.__wsIn.length")).intValue();
            first.keyboard().press(i % 10 == 0 ? "Backspace" : "x");
            second.waitForFunction("(n) => window.__seen.length > n", seenBefore, new Page.WaitForFunctionOptions().setTimeout(10_000));
            double sent = ((Number) first.evaluate("(n) => window.__keys[n]", keysBefore)).doubleValue();
            double seen = ((Number) second.evaluate("(n) => window.__seen[n]", seenBefore)).doubleValue();
            latencies.add(seen - sent);
            // The first message after the keystroke (awareness updates travel too, so this is a lower bound).
            Number arrived = (Number) second.evaluate("([n, after]) => window.__wsIn.slice(n).find((t) => t >= after) ?? null",
                    List.of(wsBefore, sent));
            if (arrived != null) {
                transport.add(arrived.doubleValue() - sent);
            }
            // Let the burst of mutations of this edit settle before the next one.
            second.waitForTimeout(30);
        }
        Collections.sort(latencies);
        System.out.printf("edit to second browser: %d edits, median %.1f ms, p95 %.1f ms, max %.1f ms%n", latencies.size(),
                median(latencies), latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1), latencies.getLast());
        if (!transport.isEmpty()) {
            Collections.sort(transport);
            System.out.printf("  of which keystroke → first WebSocket message in the second page (diagnostic): median %.1f ms, p95 %.1f ms%n",
                    median(transport), transport.get((int) Math.ceil(transport.size() * 0.95) - 1));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
