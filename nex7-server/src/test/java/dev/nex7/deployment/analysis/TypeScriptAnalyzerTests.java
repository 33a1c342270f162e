package dev.nex7.deployment.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;
import dev.nex7.deployment.FixStrategy;

class TypeScriptAnalyzerTests {

    private final TypeScriptAnalyzer analyzer = new TypeScriptAnalyzer();

    private List<Finding> read(String... lines) {
        return analyzer.analyze(BuildLog.of(String.join("\n", lines)));
    }

    @Test
    void tscPlainErrorsCarryTheirCodeAndTheLinesThatElaborateThem() {
        List<Finding> findings = read(
                "src/app/(shop)/cart/page.tsx(2,9): error TS2322: Type 'string | number' is not assignable to type 'number'.",
                "  Type 'string' is not assignable to type 'number'.",
                "src/next.ts(1,1): error TS2304: Cannot find name 'x'.");

        assertThat(findings).hasSize(2);
        assertThat(findings.getFirst()).satisfies(finding -> {
            assertThat(finding.file()).isEqualTo("src/app/(shop)/cart/page.tsx");
            assertThat(finding.line()).isEqualTo(2);
            assertThat(finding.column()).isEqualTo(9);
            assertThat(finding.subject()).isEqualTo("TS2322");
            assertThat(finding.fixStrategy()).isEqualTo(FixStrategy.FIX_TYPE);
            assertThat(finding.message()).endsWith("\nType 'string' is not assignable to type 'number'.");
        });
    }

    @Test
    void thePrettyFormatWithColoursReadsTheSame() {
        List<Finding> findings = read("\u001B[96msrc/index.ts\u001B[0m:\u001B[93m4\u001B[0m:\u001B[93m7\u001B[0m - "
                + "\u001B[91merror\u001B[0m\u001B[90m TS2322: \u001B[0mType 'string' is not assignable to type 'number'.");

        assertThat(findings).singleElement().extracting(Finding::file, Finding::line, Finding::column, Finding::subject)
                .containsExactly("src/index.ts", 4, 7, "TS2322");
    }

    @Test
    void aConfigurationErrorWithoutAFileStillCounts() {
        assertThat(read("error TS5083: Cannot read file '/srv/shop/tsconfig.base.json'.")).singleElement()
                .extracting(Finding::subject, Finding::file).containsExactly("TS5083", null);
    }

    @Test
    void nextBuildTypeErrorsTakeThePlaceAboveAndACodeFromTheMessage() {
        List<Finding> findings = read("Failed to compile.", "", "./src/app/page.tsx:12:5",
                "Type error: Property 'title' does not exist on type '{ name: string; }'.", "", "> 12 |   post.title");

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.tool()).isEqualTo("next");
            assertThat(finding.file()).isEqualTo("src/app/page.tsx");
            assertThat(finding.line()).isEqualTo(12);
            assertThat(finding.subject()).isEqualTo("TS2339");
        });
    }

    @Test
    void cannotFindModuleIsAMissingModuleNotATypeError() {
        List<Finding> findings = read(
                "src/a.ts(1,20): error TS2307: Cannot find module '@tanstack/react-query/devtools' or its corresponding type declarations.",
                "src/b.ts(2,20): error TS2307: Cannot find module '@/components/Header' or its corresponding type declarations.",
                "./app/page.tsx:1:1", "Type error: Cannot find module 'zod' or its corresponding type declarations.");

        assertThat(findings).extracting(Finding::category).containsOnly(FindingCategory.MODULE_NOT_FOUND);
        assertThat(findings).extracting(Finding::subject)
                .containsExactly("@tanstack/react-query", "@/components/Header", "zod");
        assertThat(findings).extracting(Finding::fixStrategy)
                .containsExactly(FixStrategy.ADD_DEPENDENCY, FixStrategy.FIX_IMPORT_PATH, FixStrategy.ADD_DEPENDENCY);
    }

    @Test
    void summariesAndOtherTextAreNotFindings() {
        assertThat(read("Found 3 errors in the same file, starting at: src/index.ts:3", "Type errors: none",
                "Running TypeScript ...")).isEmpty();
    }
}
