package dev.nex7.deployment;

import java.util.Arrays;

/**
 * Throughput of {@link LogAnalysis} on a log of a few MiB made of the corpus's real logs repeated
 * (the worst case for the analyzers: every block is full of errors, stack traces and paths). Not
 * a test: it prints numbers and asserts nothing.
 *
 * <pre>
 * ./nex7 mvn -q -o -Pbench -Dskip.npm=true -pl nex7-server test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp nex7-server/target/test-classes:nex7-server/target/classes:$(cat nex7-server/target/test.classpath) \
 *     dev.nex7.deployment.LogAnalysisBench [MiB]
 * </pre>
 *
 * (run from {@code nex7-server}, where the corpus's relative path resolves).
 */
public final class LogAnalysisBench {

    private LogAnalysisBench() {
    }

    public static void main(String[] args) {
        int mebibytes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        StringBuilder corpus = new StringBuilder();
        LogCorpus.load().logs().forEach(entry -> corpus.append(entry.text()).append('\n'));
        StringBuilder log = new StringBuilder();
        while (log.length() < mebibytes * 1024 * 1024) {
            log.append(corpus);
        }
        String text = log.toString();
        LogAnalysis analysis = Analyzers.analysis();
        for (int i = 0; i < 5; i++) {
            analysis.analyze(text);
        }
        long[] nanos = new long[10];
        Analysis result = null;
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            result = analysis.analyze(text);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double mib = result.analyzedBytes() / (1024.0 * 1024.0);
        double median = nanos[nanos.length / 2] / 1e6;
        System.out.printf("log: %.2f MiB, %d lines, %d findings%n", mib, text.lines().count(), result.findings().size());
        System.out.printf("analysis: median %.0f ms, min %.0f ms, max %.0f ms over %d runs -> %.1f MiB/s%n", median,
                nanos[0] / 1e6, nanos[nanos.length - 1] / 1e6, nanos.length, mib / (median / 1000));
    }
}
