package dev.nex7.deployment.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.Severity;

class NextBuildAnalyzerTests {

    private final NextBuildAnalyzer analyzer = new NextBuildAnalyzer();

    private List<Finding> read(String... lines) {
        return analyzer.analyze(BuildLog.of(String.join("\n", lines)));
    }

    @Test
    void theOlderSuspenseWarningIsAWarning() {
        assertThat(read(" ⚠ Entire page /search deopted into client-side rendering due to \"useSearchParams()\". "
                + "Read more: https://nextjs.org/docs/messages/deopted-into-client-rendering /search"))
                .singleElement().extracting(Finding::category, Finding::subject, Finding::severity)
                .containsExactly(FindingCategory.NEXTJS_SUSPENSE_BOUNDARY, "/search", Severity.WARNING);
    }

    @Test
    void clientOnlyApisInServerComponentsNameTheApi() {
        List<Finding> findings = read("./src/components/Theme.tsx:1:1",
                "TypeError: createContext only works in Client Components. Add the \"use client\" directive at the top "
                        + "of the file to use it.",
                "Error: Event handlers cannot be passed to Client Component props.");

        assertThat(findings).extracting(Finding::subject).containsExactly("createContext", "event-handler");
        assertThat(findings).extracting(Finding::fixStrategy).containsOnly(FixStrategy.ADD_USE_CLIENT);
        assertThat(findings.getFirst().file()).isEqualTo("src/components/Theme.tsx");
    }

    @Test
    void aFailedPrerenderCarriesThePagesErrorAndIsReportedOnce() {
        List<Finding> findings = read("Error occurred prerendering page \"/blog/[slug]\". Read more: https://nextjs.org/docs/messages/prerender-error",
                "Error: fetch failed", "    at <unknown> (src/app/blog/[slug]/page.tsx:14:22)",
                "Export encountered an error on /blog/[slug]/page: /blog/[slug], exiting the build.",
                "Error: Failed to collect page data for /blog/[slug]");

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.subject()).isEqualTo("/blog/[slug]");
            assertThat(finding.message()).isEqualTo("Error occurred prerendering page \"/blog/[slug]\": Error: fetch failed");
            assertThat(finding.file()).isEqualTo("src/app/blog/[slug]/page.tsx");
            assertThat(finding.line()).isEqualTo(14);
        });
    }
}
