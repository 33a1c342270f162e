package dev.nex7.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.nex7.deployment.LogCorpus.Expected;

class LogAnalysisTests {

    private final LogAnalysis analysis = Analyzers.analysis();

    @Test
    void anInstallFailureIsTheRootOfEverythingAfterIt() {
        Analysis result = analysis.analyze(String.join("\n",
                "src/index.ts(1,24): error TS2307: Cannot find module 'swr' or its corresponding type declarations.",
                "npm error code ERESOLVE",
                "npm error ERESOLVE unable to resolve dependency tree",
                "npm error Found: react@17.0.2",
                "npm error Could not resolve dependency:",
                "npm error peer react@\"^18.3.1\" from react-dom@18.3.1"));

        assertThat(result.rootFinding().category()).isEqualTo(FindingCategory.DEPENDENCY_CONFLICT);
        assertThat(result.findings()).extracting(Finding::category)
                .containsExactly(FindingCategory.DEPENDENCY_CONFLICT, FindingCategory.MODULE_NOT_FOUND);
    }

    @Test
    void aMissingModuleIsTheRootOfTheTypeErrorsBeforeIt() {
        Analysis result = analysis.analyze(String.join("\n",
                "src/cart.ts(2,9): error TS2322: Type 'string' is not assignable to type 'number'.",
                "src/index.ts(1,24): error TS2307: Cannot find module 'date-fns' or its corresponding type declarations."));

        assertThat(result.root()).isZero();
        assertThat(result.rootFinding().subject()).isEqualTo("date-fns");
        assertThat(result.findings().get(1).subject()).isEqualTo("TS2322");
    }

    @Test
    void amongEqualsTheFirstErrorIsTheRootAndTheRestKeepLogOrder() {
        Analysis result = analysis.analyze(String.join("\n",
                "src/a.ts(1,1): error TS2322: Type 'string' is not assignable to type 'number'.",
                "src/b.ts(2,2): error TS2339: Property 'x' does not exist on type 'Y'.",
                "src/c.ts(3,3): error TS2304: Cannot find name 'z'."));

        assertThat(result.findings()).extracting(Finding::file).containsExactly("src/a.ts", "src/b.ts", "src/c.ts");
        assertThat(result.findings()).extracting(Finding::root).containsExactly(true, false, false);
        assertThat(result.findings()).extracting(Finding::logLine).containsExactly(1, 2, 3);
    }

    @Test
    void warningsAreNotTheRootWhenTheLogShowsAnError() {
        Analysis result = analysis.analyze(String.join("\n",
                "npm warn EBADENGINE Unsupported engine {",
                "npm warn EBADENGINE   package: 'rechoir@1.0.0',",
                "npm warn EBADENGINE   required: { node: '>= 22.15.0' },",
                "npm warn EBADENGINE }",
                "",
                "/srv/shop/src/a.js",
                "  1:7  warning  'x' is assigned a value but never used  no-unused-vars",
                "",
                "Error: Build exited with code 1: deploy step failed"));

        assertThat(result.rootFinding().category()).isEqualTo(FindingCategory.UNCLASSIFIED);
        assertThat(result.rootFinding().message()).isEqualTo("Error: Build exited with code 1: deploy step failed");
        assertThat(result.findings()).hasSize(3);
    }

    @Test
    void aLogWithOnlyWarningsHasTheFirstWarningAsItsRoot() {
        Analysis result = analysis.analyze(String.join("\n",
                "/srv/shop/src/a.js",
                "  1:7  warning  Unexpected console statement  no-console",
                "  2:7  warning  Expected '===' and instead saw '=='  eqeqeq"));

        assertThat(result.rootFinding().subject()).isEqualTo("no-console");
        assertThat(result.rootFinding().severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void anUnknownLogGetsOneUnclassifiedFindingQuotingItsErrorLines() {
        Analysis result = analysis.analyze(String.join("\n",
                "\u001B[32mStep 1/4\u001B[0m : FROM alpine",
                "main.c:3:5: error: unknown type name 'strng'",
                "make: *** [Makefile:2: all] Error 1",
                "Build FAILED after 3s"));

        assertThat(result.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.category()).isEqualTo(FindingCategory.UNCLASSIFIED);
            assertThat(finding.tool()).isEqualTo("unknown");
            assertThat(finding.file()).isEqualTo("main.c");
            assertThat(finding.line()).isEqualTo(3);
            assertThat(finding.logLine()).isEqualTo(2);
            assertThat(finding.message()).isEqualTo(String.join("\n", "main.c:3:5: error: unknown type name 'strng'",
                    "make: *** [Makefile:2: all] Error 1", "Build FAILED after 3s"));
            assertThat(finding.root()).isTrue();
        });
    }

    @Test
    void aLogWithoutAnyErrorLineIsQuotedByItsEnd() {
        Analysis result = analysis.analyze("Cloning repository\nInstalling\nDone in 4s\n\n");

        assertThat(result.rootFinding().message()).isEqualTo("Cloning repository\nInstalling\nDone in 4s");
        assertThat(result.rootFinding().logLine()).isEqualTo(1);
    }

    @Test
    void anEmptyLogStillGetsAFinding() {
        assertThat(analysis.analyze("").rootFinding().message()).isEqualTo("The log is empty.");
        assertThat(analysis.analyze(" \n \n").rootFinding().category()).isEqualTo(FindingCategory.UNCLASSIFIED);
    }

    @Test
    void binaryGarbageIsNotAnError() {
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            noise.append((char) (i * 7919 % 0xD7FF));
        }

        assertThat(analysis.analyze(noise.toString()).findings()).isNotEmpty();
    }

    @Test
    void findingsAreCappedWithTheRootKept() {
        LogAnalysis capped = new LogAnalysis(Analyzers.builtIn(), DeploymentSettings.analysis(DataSize.ofMegabytes(8), 5));
        List<String> lines = new ArrayList<>();
        lines.add("/srv/shop/src/a.js");
        for (int i = 1; i <= 50; i++) {
            lines.add("  " + i + ":1  warning  Unexpected console statement  no-console");
        }
        lines.add("");
        lines.add("src/z.ts(9,9): error TS2304: Cannot find name 'z'.");

        Analysis result = capped.analyze(String.join("\n", lines));

        assertThat(result.findings()).hasSize(5);
        assertThat(result.rootFinding().subject()).isEqualTo("TS2304");
        assertThat(result.findings().subList(1, 5)).extracting(Finding::line).containsExactly(1, 2, 3, 4);
    }

    @Test
    void anAnalyzerThatFailsIsSkippedNotPassedOn() {
        LogAnalyzer broken = log -> {
            throw new IllegalStateException("bug in a plugin analyzer");
        };
        List<LogAnalyzer> analyzers = new ArrayList<>(Analyzers.builtIn());
        analyzers.addFirst(broken);

        Analysis result = new LogAnalysis(analyzers, DeploymentSettings.defaults())
                .analyze("src/a.ts(1,1): error TS2304: Cannot find name 'z'.");

        assertThat(result.rootFinding().subject()).isEqualTo("TS2304");
    }

    @Test
    void twoAnalyzersReadingOneLineLeaveTheMoreExplanatoryFinding() {
        Analysis result = analysis.analyze(String.join("\n",
                "Error: Missing required environment variable: STRIPE_SECRET_KEY",
                "    at required (/srv/shop/lib/env.js:4:11)"));

        assertThat(result.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.category()).isEqualTo(FindingCategory.MISSING_ENV_VAR);
            assertThat(finding.file()).isEqualTo("lib/env.js");
        });
    }

    @Test
    void ofALogOverTheLimitOnlyTheEndIsReadAndLineNumbersStillCountFromTheStart() {
        LogAnalysis small = new LogAnalysis(Analyzers.builtIn(), DeploymentSettings.analysis(DataSize.ofBytes(200), 200));
        String head = "src/early.ts(1,1): error TS2304: Cannot find name 'early'.\n" + "filler line\n".repeat(100);
        String tail = "src/late.ts(2,2): error TS2304: Cannot find name 'late'.\n";

        Analysis result = small.analyze(head + tail);

        assertThat(result.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.file()).isEqualTo("src/late.ts");
            assertThat(finding.logLine()).isEqualTo(102);
        });
        assertThat(result.analyzedBytes()).isLessThanOrEqualTo(200);
    }

    @Test
    void linesBuiltToTripPatternsUpAreReadLikeAnyOther() {
        List<String> lines = new ArrayList<>();
        for (String unit : List.of("(", "a:", "'", "\"path\": [", "at (", "/a", "Type error: Type '", "npm error ",
                "\u001B[", "  1:1  error  ", "File \"/", "e: /x.kt:")) {
            lines.add(unit.repeat(20_000));
            lines.add("    at " + unit.repeat(5_000));
        }

        Analysis result = analysis.analyze(String.join("\n", lines));

        assertThat(result.findings()).isNotEmpty().allSatisfy(finding -> assertThat(finding.message()).isNotNull());
    }

    @Test
    void aFiveMebibyteLogIsAnalysedWhole() {
        String block = LogCorpus.load().entry("next-missing-env.log").text()
                + LogCorpus.load().entry("webpack-module-not-found.log").text();
        StringBuilder big = new StringBuilder();
        while (big.length() < 5 * 1024 * 1024) {
            big.append(block);
        }

        Analysis result = analysis.analyze(big.toString());

        // The same failures, repeated, are reported once, at their first appearance.
        assertThat(result.analyzedBytes()).isGreaterThanOrEqualTo(5L * 1024 * 1024);
        assertThat(result.rootFinding().subject()).isEqualTo("DATABASE_URL");
        assertThat(result.findings()).extracting(Expected::of)
                .containsExactlyElementsOf(analysis.analyze(block).findings().stream().map(Expected::of).toList());
    }
}
