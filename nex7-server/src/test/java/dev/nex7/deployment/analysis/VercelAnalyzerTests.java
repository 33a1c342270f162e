package dev.nex7.deployment.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FixStrategy;

class VercelAnalyzerTests {

    private final VercelAnalyzer analyzer = new VercelAnalyzer();

    @Test
    void anEdgeFunctionOverThePlansLimitIsAPlatformLimit() {
        assertThat(analyzer.analyze(BuildLog.of("Error: The Edge Function \"middleware\" size is 1.05 MB and your plan "
                + "size limit is 1 MB. Learn More: https://vercel.link/edge-function-size")))
                .singleElement().extracting(Finding::subject, Finding::fixStrategy)
                .containsExactly("middleware", FixStrategy.REDUCE_FUNCTION_SIZE);
    }

    @Test
    void theBuildFailedEchoOfAMissingOutputDirectoryIsNotASecondFinding() {
        assertThat(analyzer.analyze(BuildLog.of(String.join("\n",
                "Error: No Output Directory named \"public\" found after the Build completed. You can configure the "
                        + "Output Directory in your Project Settings.",
                "BUILD_FAILED: No Output Directory named \"public\" found after the Build completed."))))
                .singleElement().extracting(Finding::subject, Finding::fixStrategy)
                .containsExactly("public", FixStrategy.SET_OUTPUT_DIRECTORY);
    }
}
