package dev.nex7.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * The build-log corpus under {@code src/test/resources/deployment/logs}, as its
 * {@code index.json} describes it: each log, where it came from, and the findings a careful
 * reader takes from it, the root first.
 */
record LogCorpus(String description, List<Entry> logs) {

    static final Path DIRECTORY = Path.of("src/test/resources/deployment/logs");

    static LogCorpus load() {
        try {
            return JsonMapper.builder().build().readValue(Files.readString(DIRECTORY.resolve("index.json")),
                    LogCorpus.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Entry entry(String log) {
        return logs.stream().filter(entry -> entry.log().equals(log)).findFirst().orElseThrow();
    }

    /** One log of the corpus. */
    record Entry(String log, String source, String producedBy, String fixture, Expected root, List<Expected> others) {

        @Override
        public String toString() {
            return log;
        }

        boolean synthetic() {
            return source.startsWith("synthetic");
        }

        /** Indexed from the log alone, before the analyzers had read it: a measure of logs they were not tuned on. */
        boolean holdout() {
            return source.contains("holdout");
        }

        String text() {
            try {
                return Files.readString(DIRECTORY.resolve(log), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The root, then the others. */
        List<Expected> findings() {
            List<Expected> all = new ArrayList<>();
            all.add(root);
            all.addAll(others);
            return all;
        }
    }

    /** A finding as the index names it: what a careful reader takes from the log. */
    record Expected(String category, String subject, String file, Integer line) {

        static Expected of(Finding finding) {
            return new Expected(finding.category().id(), finding.subject(), finding.file(), finding.line());
        }

        @Override
        public String toString() {
            return category + " " + subject + " @ " + file + ":" + line;
        }
    }
}
