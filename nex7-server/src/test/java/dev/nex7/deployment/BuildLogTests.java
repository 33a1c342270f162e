package dev.nex7.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class BuildLogTests {

    @Test
    void ansiColoursAndCursorCodesAreRemoved() {
        BuildLog log = BuildLog.of("\u001B[96msrc/a.ts\u001B[0m:\u001B[93m3\u001B[0m - \u001B[91merror\u001B[0m\u001B[90m TS2322: "
                + "\u001B[0mType\n\u001B[38;5;246m╭─[\u001B[0m src/main.js:1:24 \u001B[38;5;246m]\u001B[0m\n"
                + "\u001B]8;;https://nextjs.org\u0007link\u001B]8;;\u0007 text\u001B[2K\u001B[1G");

        assertThat(log.lines()).containsExactly("src/a.ts:3 - error TS2322: Type", "╭─[ src/main.js:1:24 ]", "link text");
    }

    @Test
    void crlfAndCarriageReturnOverwritesLeaveWhatATerminalShowed() {
        BuildLog log = BuildLog.of("one\r\ntwo\r\nDownloading 10%\rDownloading 100%\r\nlast\r");

        assertThat(log.lines()).containsExactly("one", "two", "Downloading 100%", "last");
    }

    @Test
    void prefixesCiSystemsAddAreRemovedButNotTheToolsText() {
        BuildLog log = BuildLog.of(String.join("\n",
                "[12:01:02.345] Error: Command \"npm run build\" exited with 1",
                "2026-05-02T10:11:12.3456789Z src/index.ts(3,39): error TS2322: x",
                "2026-05-02 10:11:12,123 +00:00 plain",
                "01:00:33.601 | Error: No Output Directory named \"dist\" found",
                "10:11:12 AM: $ npm run build",
                "#10 2.314 internal/orders/total.go:14:9: undefined: discountRate",
                "[ERROR] /src/App.java:[1,2] kept as it is",
                "12:7  error  'x' is defined but never used  no-unused-vars"));

        assertThat(log.lines()).containsExactly(
                "Error: Command \"npm run build\" exited with 1",
                "src/index.ts(3,39): error TS2322: x",
                "plain",
                "Error: No Output Directory named \"dist\" found",
                "$ npm run build",
                "internal/orders/total.go:14:9: undefined: discountRate",
                "[ERROR] /src/App.java:[1,2] kept as it is",
                "12:7  error  'x' is defined but never used  no-unused-vars");
    }

    @Test
    void aMinifiedLineIsCutAndTheSizeCountsUtf8Bytes() {
        BuildLog log = BuildLog.of("x".repeat(50_000) + "\n✖ 1 problem");

        assertThat(log.line(0)).hasSize(BuildLog.MAX_LINE_LENGTH);
        assertThat(log.line(1)).isEqualTo("✖ 1 problem");
        assertThat(log.bytes()).isEqualTo(50_000 + 1 + 3 + " 1 problem".length());
    }

    @Test
    void emptyTextHasNoLinesAndATrailingNewlineAddsNone() {
        assertThat(BuildLog.of("").size()).isZero();
        assertThat(BuildLog.of("a\n").lines()).containsExactly("a");
        assertThat(BuildLog.of("a\n\nb").lines()).containsExactly("a", "", "b");
    }

    @Test
    void hostedBuildRootsAreStripped() {
        BuildLog log = BuildLog.of("");

        assertThat(log.path("/vercel/path0/src/app/page.tsx")).isEqualTo("src/app/page.tsx");
        assertThat(log.path("/home/runner/work/shop/shop/src/index.ts")).isEqualTo("src/index.ts");
        assertThat(log.path("D:\\a\\shop\\shop\\src\\index.js")).isEqualTo("src/index.js");
        assertThat(log.path("/builds/acme/shop/server.js")).isEqualTo("server.js");
        assertThat(log.path("/opt/build/repo/netlify/functions/hello.js")).isEqualTo("netlify/functions/hello.js");
        assertThat(log.path("/app/server.js")).isEqualTo("server.js");
    }

    @Test
    void relativePathsLoseTheirDotSlashAndSchemesAreDropped() {
        BuildLog log = BuildLog.of("");

        assertThat(log.path("./app/page.tsx")).isEqualTo("app/page.tsx");
        assertThat(log.path("src/index.ts")).isEqualTo("src/index.ts");
        assertThat(log.path("file:///vercel/path0/lib/env.mjs")).isEqualTo("lib/env.mjs");
        assertThat(log.path("webpack-internal:///(rsc)/./app/page.tsx")).isEqualTo("app/page.tsx");
        assertThat(log.path(null)).isNull();
    }

    @Test
    void anAbsoluteRootIsCutBeforeTheFirstSourceFolder() {
        BuildLog log = BuildLog.of("");

        assertThat(log.path("/srv/builds/shop/src/lib/orders.ts")).isEqualTo("src/lib/orders.ts");
        assertThat(log.path("/tmp/x/python-app/app/main.py")).isEqualTo("app/main.py");
        assertThat(log.path("/usr/share/nothing/known.txt")).isEqualTo("/usr/share/nothing/known.txt");
    }

    @Test
    void theLogRevealsTheRootOfFilesOutsideSourceFolders() {
        BuildLog webpack = BuildLog.of("  using description file: /srv/shop/package.json (relative path: ./src)");
        BuildLog crash = BuildLog.of(String.join("\n",
                "ReferenceError: formatPrice is not defined",
                "    at receipt (/srv/shop/index.js:2:3)",
                "    at Object.<anonymous> (/srv/shop/index.js:6:13)",
                "    at Module._compile (node:internal/modules/cjs/loader:1521:14)"));
        BuildLog server = BuildLog.of("    at Server.<anonymous> (/srv/orders-service/server.js:6:54)");

        assertThat(webpack.path("/srv/shop/webpack.config.js")).isEqualTo("webpack.config.js");
        assertThat(crash.path("/srv/shop/index.js")).isEqualTo("index.js");
        assertThat(server.path("/srv/orders-service/server.js")).isEqualTo("server.js");
    }

    @Test
    void aGivenProjectRootWinsOverGuesses() {
        BuildLog log = BuildLog.of("", List.of("/var/nex7/worktrees/run-42"));

        assertThat(log.path("/var/nex7/worktrees/run-42/packages/web/src/a.ts")).isEqualTo("packages/web/src/a.ts");
    }
}
