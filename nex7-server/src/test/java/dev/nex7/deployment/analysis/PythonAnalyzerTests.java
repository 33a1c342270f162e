package dev.nex7.deployment.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;

class PythonAnalyzerTests {

    private final PythonAnalyzer analyzer = new PythonAnalyzer();

    private List<Finding> read(String... lines) {
        return analyzer.analyze(BuildLog.of(String.join("\n", lines)));
    }

    @Test
    void theInnermostFrameOfTheProjectIsThePlaceNotTheLibrarysFrame() {
        List<Finding> findings = read("Traceback (most recent call last):",
                "  File \"/app/api/views.py\", line 41, in create_order",
                "    payload = json.loads(request.body)",
                "  File \"/usr/local/lib/python3.12/json/__init__.py\", line 346, in loads",
                "    return _default_decoder.decode(s)",
                "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)");

        assertThat(findings).singleElement().extracting(Finding::subject, Finding::file, Finding::line, Finding::message)
                .containsExactly("JSONDecodeError", "api/views.py", 41,
                        "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
    }

    @Test
    void pipNamesWhatItCouldNotInstall() {
        List<Finding> findings = read("ERROR: Could not find a version that satisfies the requirement djangoo==5.0",
                "ERROR: No matching distribution found for djangoo==5.0",
                "ERROR: Cannot install fastapi==0.110.0 and pydantic==1.10.0 because these package versions have "
                        + "conflicting dependencies.");

        assertThat(findings).extracting(Finding::category, Finding::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FindingCategory.PACKAGE_NOT_FOUND, "djangoo==5.0"),
                org.assertj.core.groups.Tuple.tuple(FindingCategory.DEPENDENCY_CONFLICT, "fastapi==0.110.0 and pydantic==1.10.0"));
    }

    @Test
    void anUnfinishedTracebackIsNotAFinding() {
        assertThat(read("Traceback (most recent call last):", "  File \"/app/main.py\", line 1, in <module>")).isEmpty();
    }
}
