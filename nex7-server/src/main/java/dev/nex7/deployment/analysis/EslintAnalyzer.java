package dev.nex7.deployment.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.LogAnalyzer;
import dev.nex7.deployment.Severity;

/**
 * ESLint's reports: the default {@code stylish} format (a file line, then indented
 * {@code line:col  error  message  rule} lines; {@code next lint} writes {@code Error:} instead),
 * {@code compact} ({@code file: line 6, col 7, Error - message (rule)}) and {@code unix}
 * ({@code file:6:7: message [Error/rule]}). Errors fail the build, warnings do not.
 */
@Component
class EslintAnalyzer implements LogAnalyzer {

    private static final String TOOL = "eslint";

    private static final Pattern STYLISH_FILE = Pattern.compile("^\\S+\\.(?:[cm]?[jt]sx?|vue|svelte|astro|mdx?|json|html)$");
    private static final Pattern STYLISH_ENTRY = Pattern.compile("^\\s*(\\d+):(\\d+)\\s+(error|warning|Error:|Warning:)\\s+(.+)$");
    private static final Pattern COMPACT = Pattern.compile("^(\\S.*?): line (\\d+), col (\\d+), (Error|Warning) - (.*)$");
    private static final Pattern UNIX = Pattern.compile("^(\\S.*?):(\\d+):(\\d+): (.*) \\[(Error|Warning)(?:/([^\\]\\s]+))?]$");
    private static final Pattern RULE = Pattern.compile("(?:@?[\\w-]+/)?[\\w-]+(?:/[\\w-]+)*");
    private static final Pattern TRAILING_RULE = Pattern.compile("\\(((?:@?[\\w-]+/)?[\\w-]+(?:/[\\w-]+)*)\\)$");

    /**
     * Common rules whose findings {@code eslint --fix} corrects by itself (core rules with a fixer
     * and the usual plugin ones); others need the code changed.
     */
    private static final Set<String> FIXABLE = Set.of("prefer-const", "no-var", "eqeqeq", "semi", "quotes", "indent",
            "comma-dangle", "eol-last", "no-extra-semi", "no-trailing-spaces", "object-shorthand",
            "prefer-arrow-callback", "prefer-template", "arrow-body-style", "curly", "dot-notation",
            "no-extra-boolean-cast", "no-regex-spaces", "no-useless-rename", "no-unneeded-ternary", "sort-imports",
            "spaced-comment", "yoda", "no-else-return", "prefer-destructuring", "operator-assignment",
            "prettier/prettier", "import/order", "import/newline-after-import", "import/first",
            "simple-import-sort/imports", "simple-import-sort/exports", "unused-imports/no-unused-imports",
            "react/self-closing-comp", "react/jsx-curly-brace-presence", "react/jsx-boolean-value",
            "@typescript-eslint/consistent-type-imports", "@typescript-eslint/no-inferrable-types",
            "@typescript-eslint/array-type", "@typescript-eslint/consistent-type-definitions",
            "@typescript-eslint/no-unnecessary-type-assertion", "@typescript-eslint/prefer-optional-chain");

    @Override
    public List<Finding> analyze(BuildLog log) {
        List<Finding> findings = new ArrayList<>();
        String file = null;
        for (int i = 0; i < log.size(); i++) {
            String line = log.line(i);
            if (line.isBlank()) {
                file = null;
                continue;
            }
            if (file == null && STYLISH_FILE.matcher(line).matches()) {
                file = log.path(line);
                continue;
            }
            Finding finding = file != null ? stylish(i, line, file) : null;
            if (finding == null && line.contains(": line ")) {
                finding = compact(log, i, line);
            }
            if (finding == null && line.endsWith("]") && (line.contains("[Error") || line.contains("[Warning"))) {
                finding = unix(log, i, line);
            }
            if (finding != null) {
                findings.add(finding);
            }
        }
        return findings;
    }

    private static Finding stylish(int index, String line, String file) {
        Matcher entry = STYLISH_ENTRY.matcher(line);
        if (!entry.matches()) {
            return null;
        }
        String rest = entry.group(4).strip();
        String rule = null;
        String message = rest;
        int gap = rest.lastIndexOf("  ");
        if (gap > 0) {
            String candidate = rest.substring(gap).strip();
            if (RULE.matcher(candidate).matches()) {
                rule = candidate;
                message = rest.substring(0, gap).strip();
            }
        }
        return finding(index, file, entry.group(1), entry.group(2), entry.group(3), rule, message);
    }

    private static Finding compact(BuildLog log, int index, String line) {
        Matcher compact = COMPACT.matcher(line);
        if (!compact.matches()) {
            return null;
        }
        String message = compact.group(5);
        Matcher rule = TRAILING_RULE.matcher(message);
        String ruleId = rule.find() ? rule.group(1) : null;
        if (ruleId != null) {
            message = message.substring(0, rule.start()).strip();
        }
        return finding(index, log.path(compact.group(1)), compact.group(2), compact.group(3), compact.group(4), ruleId,
                message);
    }

    private static Finding unix(BuildLog log, int index, String line) {
        Matcher unix = UNIX.matcher(line);
        if (!unix.matches()) {
            return null;
        }
        return finding(index, log.path(unix.group(1)), unix.group(2), unix.group(3), unix.group(5), unix.group(6),
                unix.group(4));
    }

    private static Finding finding(int index, String file, String line, String column, String severity, String rule,
            String message) {
        boolean warning = severity.toLowerCase().startsWith("warning");
        FixStrategy fix = rule == null ? null : FIXABLE.contains(rule) ? FixStrategy.ESLINT_FIX : FixStrategy.FIX_LINT;
        return Finding.of(FindingCategory.LINT, TOOL, index).at(file, Integer.valueOf(line), Integer.valueOf(column))
                .subject(rule).message(rule == null ? message : message + " (" + rule + ")").fix(fix)
                .severity(warning ? Severity.WARNING : Severity.ERROR).build();
    }
}
