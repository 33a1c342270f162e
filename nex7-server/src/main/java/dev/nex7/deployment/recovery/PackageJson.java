package dev.nex7.deployment.recovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and edits a {@code package.json} as text, so a fix changes the one line it means to and keeps
 * the file's indentation, order and final newline (a reformatted file makes a review-hostile diff).
 * Every edit is checked by parsing the result.
 */
final class PackageJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String text;
    private final JsonNode tree;

    private PackageJson(String text, JsonNode tree) {
        this.text = text;
        this.tree = tree;
    }

    static Optional<PackageJson> parse(String text) {
        try {
            JsonNode tree = JSON.readTree(text);
            return tree != null && tree.isObject() ? Optional.of(new PackageJson(text, tree)) : Optional.empty();
        } catch (JacksonException malformed) {
            return Optional.empty();
        }
    }

    String text() {
        return text;
    }

    /** Whether any dependency block names {@code name}. */
    boolean declares(String name) {
        for (String block : List.of("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")) {
            if (tree.path(block).has(name)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code engines.node} range, if any. */
    Optional<String> nodeEngine() {
        JsonNode node = tree.path("engines").path("node");
        return node.isString() ? Optional.of(node.asString()) : Optional.empty();
    }

    /**
     * Adds {@code "name": "range"} to {@code block}, in alphabetical place as npm keeps it, creating the
     * block after the last top-level entry when missing.
     */
    PackageJson withEntry(String block, String name, String range) {
        String indent = indentUnit();
        String entry = quote(name) + ": " + quote(range);
        Matcher open = Pattern.compile("\"" + Pattern.quote(block) + "\"\\s*:\\s*\\{").matcher(text);
        String edited;
        if (open.find()) {
            int close = matchingBrace(text, open.end() - 1);
            String body = text.substring(open.end(), close);
            List<String[]> entries = new ArrayList<>(); // [name, whole line]
            Matcher line = Pattern.compile("\\n([ \\t]*)\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:[^\\n]*").matcher(body);
            String entryIndent = indent + indent;
            while (line.find()) {
                entries.add(new String[] {line.group(2), line.group()});
                entryIndent = line.group(1);
            }
            if (entries.isEmpty()) {
                String closingIndent = indent;
                edited = text.substring(0, open.end()) + "\n" + entryIndent + entry + "\n" + closingIndent + text.substring(close);
            } else {
                int at = entries.size();
                for (int i = 0; i < entries.size(); i++) {
                    if (entries.get(i)[0].compareTo(name) > 0) {
                        at = i;
                        break;
                    }
                }
                if (at < entries.size()) {
                    int position = open.end() + body.indexOf(entries.get(at)[1]);
                    edited = text.substring(0, position) + "\n" + entryIndent + entry + "," + text.substring(position);
                } else {
                    String last = entries.get(entries.size() - 1)[1];
                    int position = open.end() + body.lastIndexOf(last) + last.length();
                    String lastTrimmed = last.stripTrailing();
                    boolean comma = lastTrimmed.endsWith(",");
                    edited = text.substring(0, position - last.length()) + lastTrimmed + (comma ? "" : ",") + "\n" + entryIndent + entry
                            + text.substring(position);
                }
            }
        } else {
            int end = text.lastIndexOf('}');
            String before = text.substring(0, end).stripTrailing();
            boolean empty = before.endsWith("{");
            edited = before + (empty ? "" : ",") + "\n" + indent + quote(block) + ": {\n" + indent + indent + entry + "\n" + indent + "}\n"
                    + text.substring(end);
        }
        return parse(edited).orElseThrow(() -> new IllegalStateException("editing package.json broke it"));
    }

    /** The indentation one level uses in this file (two spaces when it cannot tell). */
    private String indentUnit() {
        Matcher first = Pattern.compile("\\{\\s*?\\n([ \\t]+)\"").matcher(text);
        return first.find() ? first.group(1) : "  ";
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced package.json");
    }

    private static String quote(String value) {
        return JSON.writeValueAsString(value);
    }
}
