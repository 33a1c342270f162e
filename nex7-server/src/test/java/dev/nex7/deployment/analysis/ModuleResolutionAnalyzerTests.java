package dev.nex7.deployment.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;
import dev.nex7.deployment.FixStrategy;

class ModuleResolutionAnalyzerTests {

    private final ModuleResolutionAnalyzer analyzer = new ModuleResolutionAnalyzer();

    private List<Finding> read(String... lines) {
        return analyzer.analyze(BuildLog.of(String.join("\n", lines)));
    }

    @Test
    void webpackNamesTheImporterAboveAndSuggestsTheRightPath() {
        List<Finding> findings = read("ERROR in ./src/index.js 2:19-48",
                "Module not found: Error: Can't resolve './utils/formatDate' in '/home/runner/work/shop/shop/src'",
                "Did you mean './utils/format-date.js'?");

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.tool()).isEqualTo("webpack");
            assertThat(finding.file()).isEqualTo("src/index.js");
            assertThat(finding.line()).isEqualTo(2);
            assertThat(finding.column()).isEqualTo(19);
            assertThat(finding.subject()).isEqualTo("./utils/formatDate");
            assertThat(finding.fixStrategy()).isEqualTo(FixStrategy.FIX_IMPORT_PATH);
            assertThat(finding.message()).contains("did you mean './utils/format-date.js'?");
        });
    }

    @Test
    void nextNamesAPackageByItsNameNotItsSubpath() {
        List<Finding> findings = read("▲ Next.js 14.2.3", "Failed to compile.", "", "./src/app/layout.tsx",
                "Module not found: Can't resolve '@vercel/analytics/react'");

        assertThat(findings).singleElement().extracting(Finding::tool, Finding::file, Finding::subject,
                Finding::fixStrategy).containsExactly("next", "src/app/layout.tsx", "@vercel/analytics",
                        FixStrategy.ADD_DEPENDENCY);
    }

    @Test
    void aNodeBuiltInIsNotAPackageToInstall() {
        List<Finding> webpack = read("ERROR in ./src/index.js 1:0-24",
                "Module not found: Error: Can't resolve 'crypto' in '/srv/web/src'");
        List<Finding> next = read("▲ Next.js 16.4.6 (Turbopack)", "./lib/catalog.ts:1:1",
                "Error: Module not found: Can't resolve 'fs'");

        assertThat(webpack).singleElement().extracting(Finding::category, Finding::subject, Finding::fixStrategy)
                .containsExactly(FindingCategory.MODULE_NOT_FOUND, "crypto", null);
        assertThat(next).singleElement().extracting(Finding::category, Finding::subject, Finding::file)
                .containsExactly(FindingCategory.NEXTJS_SERVER_CLIENT, "fs", "lib/catalog.ts");
    }

    @Test
    void rollupAndEsbuildFormatsAreRead() {
        List<Finding> findings = read(
                "[vite]: Rollup failed to resolve import \"lodash-es\" from \"/vercel/path0/src/utils.ts\".",
                "✘ [ERROR] Could not resolve \"./Missing.vue\"", "", "    src/router.ts:3:22:",
                "Could not resolve \"./components/Header\" from \"src/main.ts\"");

        assertThat(findings).extracting(Finding::subject).containsExactly("lodash-es", "./Missing.vue",
                "./components/Header");
        assertThat(findings).extracting(Finding::file).containsExactly("src/utils.ts", "src/router.ts", "src/main.ts");
        assertThat(findings.get(1).line()).isEqualTo(3);
    }

    @Test
    void nodeNamesTheRequirerAndTheLineOfTheRequire() {
        List<Finding> findings = read("Error: Cannot find module 'dotenv'", "Require stack:",
                "- /srv/api/src/server.js", "    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)",
                "    at Object.<anonymous> (/srv/api/src/server.js:1:1)");

        assertThat(findings).singleElement().extracting(Finding::subject, Finding::file, Finding::line)
                .containsExactly("dotenv", "src/server.js", 1);
    }

    @Test
    void aMissingPackageOfAnEsModuleIsAPackageToInstall() {
        assertThat(read("Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'express' imported from "
                + "/srv/api/src/index.mjs")).singleElement().extracting(Finding::subject, Finding::file,
                        Finding::fixStrategy).containsExactly("express", "src/index.mjs", FixStrategy.ADD_DEPENDENCY);
    }

    @Test
    void typeScriptsOwnCannotFindModuleIsLeftToItsAnalyzer() {
        assertThat(read("src/a.ts(1,1): error TS2307: Cannot find module 'x' or its corresponding type declarations."))
                .isEmpty();
    }
}
