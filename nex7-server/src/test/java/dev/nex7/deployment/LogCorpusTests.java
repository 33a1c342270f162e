package dev.nex7.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.nex7.deployment.LogCorpus.Entry;
import dev.nex7.deployment.LogCorpus.Expected;

/**
 * Every log of the corpus (real tool output from {@code scripts/log-corpus/generate.sh}, and a
 * few synthetic ones) through the analyzers as the application wires them: the root finding and
 * every other finding are the ones {@code index.json} names, no more. The per-category accuracy
 * is printed after the run (and written to {@code target/log-corpus-accuracy.txt}).
 */
class LogCorpusTests {

    private static final LogCorpus CORPUS = LogCorpus.load();
    private static final LogAnalysis ANALYSIS = Analyzers.analysis();

    static Stream<Entry> logs() {
        return CORPUS.logs().stream();
    }

    @Test
    void everyLogInTheCorpusFolderIsIndexed() throws IOException {
        try (Stream<Path> files = Files.list(LogCorpus.DIRECTORY)) {
            List<String> logs = files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".log"))
                    .toList();
            assertThat(logs).containsExactlyInAnyOrderElementsOf(CORPUS.logs().stream().map(Entry::log).toList());
        }
    }

    @Test
    void realLogsCoverEveryCategoryButVercelLimitsAndTheUnclassifiedFallback() {
        List<String> realRoots = CORPUS.logs().stream().filter(entry -> !entry.synthetic())
                .map(entry -> entry.root().category()).distinct().toList();

        assertThat(realRoots).containsAll(Stream.of(FindingCategory.values())
                .filter(category -> category != FindingCategory.UNCLASSIFIED && category != FindingCategory.PLATFORM_LIMIT)
                .map(FindingCategory::id).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void theRootFindingIsTheOneTheIndexNames(Entry entry) {
        Analysis analysis = ANALYSIS.analyze(entry.text());

        assertThat(Expected.of(analysis.rootFinding())).isEqualTo(entry.root());
        assertThat(analysis.findings()).filteredOn(Finding::root).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void everyFindingTheIndexListsIsReportedAndNoOther(Entry entry) {
        Analysis analysis = ANALYSIS.analyze(entry.text());

        assertThat(analysis.findings().stream().map(Expected::of).toList())
                .containsExactlyInAnyOrderElementsOf(entry.findings());
    }

    @AfterAll
    static void printAccuracy() throws IOException {
        String report = CorpusAccuracy.report(CORPUS, ANALYSIS);
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "log-corpus-accuracy.txt"), report);
    }
}
