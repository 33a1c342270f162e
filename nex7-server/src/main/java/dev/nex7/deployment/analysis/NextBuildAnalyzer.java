package dev.nex7.deployment.analysis;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.Severity;

/**
 * Next.js build errors of its own: {@code useSearchParams()} outside a Suspense boundary (an
 * error since 15, the "deopted into client-side rendering" warning before), Server Components
 * using client-only APIs ({@code useState} and friends, {@code createContext}, event handlers
 * passed to Client Components), and pages whose prerender or data collection failed. (Its type
 * errors are read by {@link TypeScriptAnalyzer}, its unresolved imports by
 * {@link ModuleResolutionAnalyzer}.)
 */
@Component
class NextBuildAnalyzer extends LineAnalyzer {

    private static final String TOOL = "next";

    private static final Pattern SUSPENSE = Pattern.compile("useSearchParams\\(\\) should be wrapped in a suspense boundary at page \"([^\"]+)\"");
    private static final Pattern DEOPTED = Pattern.compile("Entire page (\\S+) deopted into client-side rendering due to \"useSearchParams\\(\\)\"");
    private static final Pattern CLIENT_HOOK = Pattern.compile("You're importing a (?:component|module) that (?:needs|depends on) [`'\"]?(\\w+)[`'\"]?");
    private static final Pattern CLIENT_ONLY_API = Pattern.compile("(\\w+) only works in Client Components");
    private static final Pattern EVENT_HANDLERS = Pattern.compile("Event handlers cannot be passed to Client Component props");
    private static final Pattern PRERENDER = Pattern.compile("Error occurred prerendering page \"([^\"]+)\"");
    private static final Pattern PAGE_DATA = Pattern.compile("Failed to collect (?:page data|configuration) for (\\S+)");
    private static final Pattern LOCATION = Pattern.compile("^(\\.?/?[^\\s:]+\\.\\w{1,5})(?::(\\d+):(\\d+))?$");
    private static final Pattern CAUSE = Pattern.compile("(?:\\[cause]: )?\\w*Error\\b");
    private static final Pattern SWC_LOCATION = Pattern.compile("^\\s*,-\\[(\\S+?):(\\d+):(\\d+)]$");

    @Override
    public List<Finding> analyze(BuildLog log) {
        // Next.js reports a failed page more than once (collecting its data, then the build); once is enough.
        Set<String> failedPages = new HashSet<>();
        return super.analyze(log).stream().filter(finding -> finding.category() != FindingCategory.NEXTJS_PRERENDER
                || failedPages.add(finding.subject())).toList();
    }

    @Override
    Finding read(BuildLog log, int index, String line) {
        Matcher match;
        if (line.contains("useSearchParams()")) {
            if ((match = SUSPENSE.matcher(line)).find()) {
                return Finding.of(FindingCategory.NEXTJS_SUSPENSE_BOUNDARY, TOOL, index).subject(match.group(1))
                        .message("useSearchParams() is not wrapped in a Suspense boundary on page " + match.group(1))
                        .fix(FixStrategy.ADD_SUSPENSE_BOUNDARY).build();
            }
            if ((match = DEOPTED.matcher(line)).find()) {
                return Finding.of(FindingCategory.NEXTJS_SUSPENSE_BOUNDARY, TOOL, index).subject(match.group(1))
                        .message("Page " + match.group(1) + " renders on the client only: useSearchParams() outside Suspense")
                        .fix(FixStrategy.ADD_SUSPENSE_BOUNDARY).severity(Severity.WARNING).build();
            }
        }
        if (line.contains("only works in") || line.contains("You're importing a") || line.contains("Event handlers cannot")) {
            return serverClient(log, index, line);
        }
        if (line.contains("Error occurred prerendering page") && (match = PRERENDER.matcher(line)).find()) {
            return prerender(log, index, match.group(1), line);
        }
        if (line.contains("Failed to collect") && (match = PAGE_DATA.matcher(line)).find()) {
            // Next.js 15 prints the error bracketed ("[Error: Failed to collect page data for /] {"); routes
            // have brackets of their own ("/blog/[slug]"), so only an unmatched closing one is dropped.
            String page = match.group(1);
            boolean unbalanced = page.chars().filter(c -> c == ']').count() > page.chars().filter(c -> c == '[').count();
            return prerender(log, index, unbalanced ? page.substring(0, page.length() - 1) : page, line);
        }
        return null;
    }

    private static Finding serverClient(BuildLog log, int index, String line) {
        Matcher match;
        String subject;
        if ((match = CLIENT_HOOK.matcher(line)).find() || (match = CLIENT_ONLY_API.matcher(line)).find()) {
            subject = match.group(1);
        } else if (EVENT_HANDLERS.matcher(line).find()) {
            subject = "event-handler";
        } else {
            return null;
        }
        Finding.Builder finding = Finding.of(FindingCategory.NEXTJS_SERVER_CLIENT, TOOL, index).subject(subject)
                .message(line.replaceFirst("^Error:\\s+(?:x\\s+)?", "").strip()).fix(FixStrategy.ADD_USE_CLIENT);
        Location at = module(log, index);
        if (at != null) {
            finding.at(at.file(), at.line(), at.column());
        }
        return finding.build();
    }

    /**
     * The module a Next.js compile error is about: Turbopack and webpack name it on the line(s)
     * above ({@code ./app/page.tsx:1:10}, {@code ./app/page.tsx}); SWC's frame below gives the
     * line ({@code ,-[/abs/app/page.tsx:1:1]}).
     */
    private static Location module(BuildLog log, int index) {
        Location above = null;
        for (int j = index - 1; j >= Math.max(0, index - 2); j--) {
            Matcher at = LOCATION.matcher(log.line(j).strip());
            if (at.matches()) {
                above = new Location(log.path(at.group(1)), integer(at.group(2)), integer(at.group(3)));
                break;
            }
        }
        if (above != null && above.line() != null) {
            return above;
        }
        for (int j = index + 1; j < Math.min(log.size(), index + 8); j++) {
            Matcher swc = SWC_LOCATION.matcher(log.line(j));
            if (swc.matches()) {
                return new Location(log.path(swc.group(1)), Integer.valueOf(swc.group(2)), Integer.valueOf(swc.group(3)));
            }
        }
        return above;
    }

    private static Finding prerender(BuildLog log, int index, String page, String line) {
        // The page's own error follows (a TypeError, a thrown Error); with source maps, so does its place.
        String cause = null;
        for (int j = index + 1; j < Math.min(log.size(), index + 4) && cause == null; j++) {
            String next = log.line(j).strip();
            if (CAUSE.matcher(next).lookingAt()) {
                cause = next;
            }
        }
        Finding.Builder finding = Finding.of(FindingCategory.NEXTJS_PRERENDER, TOOL, index).subject(page)
                .message(line.strip().replaceFirst("\\. Read more: \\S+$", "") + (cause == null ? "" : ": " + cause));
        StackFrames.firstProjectFrame(log, index + 1, 12).ifPresent(at -> finding.at(at.file(), at.line(), at.column()));
        return finding.build();
    }

    private static Integer integer(String digits) {
        return digits == null ? null : Integer.valueOf(digits);
    }
}
