package dev.nex7.deployment.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;
import dev.nex7.deployment.FixStrategy;

class JvmBuildAnalyzerTests {

    private final JvmBuildAnalyzer analyzer = new JvmBuildAnalyzer();

    private List<Finding> read(String... lines) {
        return analyzer.analyze(BuildLog.of(String.join("\n", lines)));
    }

    @Test
    void theOlderKotlinFormatAndAWarningAreRead() {
        List<Finding> findings = read("w: /srv/app/src/main/kotlin/App.kt: (3, 9): Variable 'x' is never used",
                "e: /srv/app/src/main/kotlin/App.kt: (12, 5): Unresolved reference: greet");

        assertThat(findings).extracting(Finding::line, Finding::column, Finding::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 9, null),
                        org.assertj.core.groups.Tuple.tuple(12, 5, "greet"));
        assertThat(findings).extracting(Finding::file).containsOnly("src/main/kotlin/App.kt");
    }

    @Test
    void aMissingArtifactIsAPackageNotFound() {
        assertThat(read("[ERROR] Failed to execute goal on project shop: Could not resolve dependencies for project "
                + "dev.shop:shop:jar:1.0.0: Could not find artifact com.acme:payments:jar:2.1.0 in central "
                + "(https://repo.maven.apache.org/maven2)")).singleElement()
                .extracting(Finding::category, Finding::subject, Finding::file)
                .containsExactly(FindingCategory.PACKAGE_NOT_FOUND, "com.acme:payments:jar:2.1.0", "pom.xml");
    }

    @Test
    void theJvmRunningOutOfMemoryIsNamed() {
        assertThat(read("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space")).singleElement()
                .extracting(Finding::category, Finding::subject, Finding::fixStrategy)
                .containsExactly(FindingCategory.OUT_OF_MEMORY, "java-heap-space", FixStrategy.INCREASE_MEMORY);
    }
}
