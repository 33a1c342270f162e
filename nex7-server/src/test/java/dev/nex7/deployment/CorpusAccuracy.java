package dev.nex7.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

import dev.nex7.deployment.LogCorpus.Entry;
import dev.nex7.deployment.LogCorpus.Expected;

/**
 * How well the analyzers read the corpus, per category: for the root finding, how often its
 * category, subject, file and line are the ones the index names; for all findings, precision (of
 * those reported, how many the index lists) and recall (of those listed, how many were reported),
 * a finding counting only when category, subject, file and line all match.
 * {@code main} prints it; {@link LogCorpusTests} prints it after its run.
 */
final class CorpusAccuracy {

    private final Map<String, int[]> roots = new TreeMap<>();
    private final Map<String, int[]> findings = new TreeMap<>();

    /** Root counts: logs, category, subject, file, line. Finding counts: reported, expected, correct. */
    static CorpusAccuracy of(List<Entry> entries, LogAnalysis analysis) {
        CorpusAccuracy accuracy = new CorpusAccuracy();
        for (Entry entry : entries) {
            accuracy.add(entry, analysis.analyze(entry.text()));
        }
        return accuracy;
    }

    /** The report over every log, then over the holdout logs alone. */
    static String report(LogCorpus corpus, LogAnalysis analysis) {
        List<Entry> holdout = corpus.logs().stream().filter(Entry::holdout).toList();
        return "== All " + corpus.logs().size() + " logs\n" + of(corpus.logs(), analysis).report()
                + "\n== The " + holdout.size() + " holdout logs (indexed before the analyzers read them)\n"
                + of(holdout, analysis).report();
    }

    private void add(Entry entry, Analysis analysis) {
        Expected expected = entry.root();
        Expected actual = Expected.of(analysis.rootFinding());
        int[] root = roots.computeIfAbsent(expected.category(), category -> new int[5]);
        root[0]++;
        count(root, 1, expected, actual, Expected::category);
        count(root, 2, expected, actual, Expected::subject);
        count(root, 3, expected, actual, Expected::file);
        count(root, 4, expected, actual, Expected::line);
        List<Expected> unmatched = new ArrayList<>(entry.findings());
        for (Finding finding : analysis.findings()) {
            Expected reported = Expected.of(finding);
            findings.computeIfAbsent(reported.category(), category -> new int[3])[0]++;
            if (unmatched.remove(reported)) {
                findings.get(reported.category())[2]++;
            }
        }
        entry.findings().forEach(listed -> findings.computeIfAbsent(listed.category(), category -> new int[3])[1]++);
    }

    private static void count(int[] counts, int slot, Expected expected, Expected actual,
            Function<Expected, Object> field) {
        if (Objects.equals(field.apply(expected), field.apply(actual))) {
            counts[slot]++;
        }
    }

    String report() {
        StringBuilder out = new StringBuilder();
        out.append("Root finding: share of logs whose root has the indexed category / subject / file / line\n");
        out.append(String.format("%-26s %5s %9s %8s %6s %6s%n", "expected root category", "logs", "category", "subject",
                "file", "line"));
        int[] total = new int[5];
        roots.forEach((category, counts) -> {
            out.append(String.format("%-26s %5d %9s %8s %6s %6s%n", category, counts[0], percent(counts[1], counts[0]),
                    percent(counts[2], counts[0]), percent(counts[3], counts[0]), percent(counts[4], counts[0])));
            for (int i = 0; i < total.length; i++) {
                total[i] += counts[i];
            }
        });
        out.append(String.format("%-26s %5d %9s %8s %6s %6s%n", "all", total[0], percent(total[1], total[0]),
                percent(total[2], total[0]), percent(total[3], total[0]), percent(total[4], total[0])));
        out.append("\nAll findings (correct = category, subject, file and line all as indexed)\n");
        out.append(String.format("%-26s %8s %8s %7s %9s %7s%n", "category", "reported", "expected", "correct",
                "precision", "recall"));
        int[] sum = new int[3];
        findings.forEach((category, counts) -> {
            out.append(String.format("%-26s %8d %8d %7d %9s %7s%n", category, counts[0], counts[1], counts[2],
                    percent(counts[2], counts[0]), percent(counts[2], counts[1])));
            for (int i = 0; i < sum.length; i++) {
                sum[i] += counts[i];
            }
        });
        out.append(String.format("%-26s %8d %8d %7d %9s %7s%n", "all", sum[0], sum[1], sum[2], percent(sum[2], sum[0]),
                percent(sum[2], sum[1])));
        return out.toString();
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "-" : Math.round(100.0 * part / whole) + "%";
    }

    public static void main(String[] args) {
        System.out.print(report(LogCorpus.load(), Analyzers.analysis()));
    }
}
