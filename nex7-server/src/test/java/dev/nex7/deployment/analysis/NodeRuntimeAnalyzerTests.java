package dev.nex7.deployment.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;

class NodeRuntimeAnalyzerTests {

    private final NodeRuntimeAnalyzer analyzer = new NodeRuntimeAnalyzer();

    private List<Finding> read(String... lines) {
        return analyzer.analyze(BuildLog.of(String.join("\n", lines)));
    }

    @Test
    void theTopFrameInTheProjectIsThePlaceNotADependencyOrNode() {
        List<Finding> findings = read("TypeError: Cannot read properties of undefined (reading 'map')",
                "    at renderList (/srv/shop/node_modules/react-dom/cjs/react-dom.development.js:100:5)",
                "    at async ProductGrid (file:///srv/shop/src/components/ProductGrid.js:12:18)",
                "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)");

        assertThat(findings).singleElement().extracting(Finding::subject, Finding::file, Finding::line, Finding::column)
                .containsExactly("TypeError", "src/components/ProductGrid.js", 12, 18);
    }

    @Test
    void withoutAProjectFrameTheSourceLineNodePrintsAboveIsThePlace() {
        List<Finding> findings = read("file:///srv/worker/src/index.js:1", "import prices from \"./prices.js\";",
                "       ^^^^^^", "SyntaxError: The requested module './prices.js' does not provide an export named 'default'",
                "    at ModuleJob._instantiate (node:internal/modules/esm/module_job:123:21)");

        assertThat(findings).singleElement().extracting(Finding::subject, Finding::file, Finding::line)
                .containsExactly("SyntaxError", "src/index.js", 1);
    }

    @Test
    void thePortInUseIsTheSubject() {
        assertThat(read("Error: listen EADDRINUSE: address already in use 0.0.0.0:8080",
                "    at Server.setupListenHandle [as _listen2] (node:net:1817:16)")).singleElement()
                .extracting(Finding::category, Finding::subject).containsExactly(FindingCategory.PORT_IN_USE, "8080");
    }

    @Test
    void aMessageThatMerelySaysErrorIsNotACrash() {
        assertThat(read("Error: Command \"npm run build\" exited with 1", "TypeError: in a sentence of a log",
                "Errors: 0")).isEmpty();
    }
}
