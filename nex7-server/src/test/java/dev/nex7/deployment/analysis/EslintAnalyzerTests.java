package dev.nex7.deployment.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.Severity;

class EslintAnalyzerTests {

    private final EslintAnalyzer analyzer = new EslintAnalyzer();

    private List<Finding> read(String... lines) {
        return analyzer.analyze(BuildLog.of(String.join("\n", lines)));
    }

    @Test
    void stylishEntriesBelongToTheFileAboveThem() {
        List<Finding> findings = read("", "/vercel/path0/src/components/Cart.tsx",
                "  3:10  error    'useMemo' is defined but never used  @typescript-eslint/no-unused-vars",
                "  9:1   warning  Missing return type                   @typescript-eslint/explicit-function-return-type",
                "", "/vercel/path0/src/lib/a.js", "  1:1  error  Parsing error: Unexpected token )", "",
                "✖ 3 problems (2 errors, 1 warning)");

        assertThat(findings).extracting(Finding::file, Finding::line, Finding::subject, Finding::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("src/components/Cart.tsx", 3,
                                "@typescript-eslint/no-unused-vars", Severity.ERROR),
                        org.assertj.core.groups.Tuple.tuple("src/components/Cart.tsx", 9,
                                "@typescript-eslint/explicit-function-return-type", Severity.WARNING),
                        org.assertj.core.groups.Tuple.tuple("src/lib/a.js", 1, null, Severity.ERROR));
        assertThat(findings.get(2).message()).isEqualTo("Parsing error: Unexpected token )");
        assertThat(findings.get(2).fixStrategy()).isNull();
    }

    @Test
    void nextLintWritesErrorAndWarningWithAColon() {
        List<Finding> findings = read("Failed to compile.", "", "./app/page.tsx",
                "6:9  Error: 'x' is assigned a value but never used.  @typescript-eslint/no-unused-vars",
                "12:3  Warning: React Hook useEffect has a missing dependency: 'id'.  react-hooks/exhaustive-deps");

        assertThat(findings).extracting(Finding::severity).containsExactly(Severity.ERROR, Severity.WARNING);
        assertThat(findings).extracting(Finding::subject)
                .containsExactly("@typescript-eslint/no-unused-vars", "react-hooks/exhaustive-deps");
        assertThat(findings).extracting(Finding::file).containsOnly("app/page.tsx");
    }

    @Test
    void rulesEslintFixesItselfAreToldApart() {
        List<Finding> findings = read("src/a.js: line 1, col 1, Error - Unexpected var, use let or const instead. (no-var)",
                "src/a.js:2:5: 'x' is not defined. [Error/no-undef]", "src/a.js:3:1: Missing semicolon. [Warning/semi]");

        assertThat(findings).extracting(Finding::subject).containsExactly("no-var", "no-undef", "semi");
        assertThat(findings).extracting(Finding::fixStrategy)
                .containsExactly(FixStrategy.ESLINT_FIX, FixStrategy.FIX_LINT, FixStrategy.ESLINT_FIX);
        assertThat(findings).extracting(Finding::line).containsExactly(1, 2, 3);
    }

    @Test
    void numbersThatLookLikePositionsOutsideAReportAreIgnored() {
        assertThat(read("Build started at", "10:42  error  not an eslint line without a file above",
                "dist/index.html                0.15 kB │ gzip: 0.13 kB")).isEmpty();
    }
}
