package dev.nex7.deployment.recovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.recovery.FixProposal.FileEdits;

/**
 * Rule-based fixes for Next.js pages and the Node version: a page that reads search parameters
 * without a {@code <Suspense>} boundary gets one around its content; a build on the wrong Node
 * version pins the version {@code engines} asks for in {@code .nvmrc} (Vercel and version managers
 * read it). (A missing environment variable is {@link EnvironmentVariableFix}'s.)
 */
@Component
class NextAndNodeFixes implements FixGenerator {

    static final String SUSPENSE = FixStrategy.ADD_SUSPENSE_BOUNDARY.id();
    static final String NODE_VERSION = FixStrategy.PIN_NODE_VERSION.id();
    private static final Pattern DEFAULT_EXPORT = Pattern.compile("export\\s+default\\s+function\\s+(\\w+)\\s*\\(([^)]*)\\)");
    private static final Pattern MAJOR = Pattern.compile("(\\d+)");

    @Override
    public List<FixProposal> propose(FixContext context) {
        List<FixProposal> proposals = new ArrayList<>();
        for (Finding finding : context.findings()) {
            if (finding.fixStrategy() == FixStrategy.ADD_SUSPENSE_BOUNDARY) {
                suspense(context.files(), finding).ifPresent(proposals::add);
            } else if (finding.fixStrategy() == FixStrategy.PIN_NODE_VERSION) {
                nodeVersion(context.files(), finding).ifPresent(proposals::add);
            }
            if (proposals.size() >= 3) {
                break;
            }
        }
        return proposals;
    }

    private Optional<FixProposal> suspense(ProjectFiles files, Finding finding) {
        String page = pageFile(files, finding);
        if (page == null) {
            return Optional.empty();
        }
        String text = files.read(page).orElse("");
        Matcher export = DEFAULT_EXPORT.matcher(text);
        if (!text.contains("useSearchParams") || !export.find() || text.contains("<Suspense")) {
            return Optional.empty();
        }
        String name = export.group(1);
        String inner = name + "Content";
        String parameters = export.group(2).strip();
        StringBuilder edited = new StringBuilder(text.substring(0, export.start()))
                .append("function ").append(inner).append('(').append(export.group(2)).append(')')
                .append(text.substring(export.end()));
        if (!edited.toString().endsWith("\n")) {
            edited.append('\n');
        }
        String props = parameters.isEmpty() ? "" : "props";
        edited.append("\nexport default function ").append(name).append('(').append(props.isEmpty() ? "" : "props: any").append(") {\n")
                .append("  return (\n    <Suspense fallback={null}>\n      <").append(inner).append(props.isEmpty() ? "" : " {...props}")
                .append(" />\n    </Suspense>\n  );\n}\n");
        String withImport = addSuspenseImport(edited.toString());
        if (!page.endsWith(".tsx") && !props.isEmpty()) {
            withImport = withImport.replace("(props: any)", "(props)");
        }
        return Optional.of(FixProposal.rule(SUSPENSE, 0.82, "The page " + page + " reads search parameters (useSearchParams) outside a "
                + "<Suspense> boundary, which Next.js refuses to prerender; its content is wrapped in one.", finding,
                new FileEdits(Map.of(page, withImport))));
    }

    private static String addSuspenseImport(String text) {
        Matcher react = Pattern.compile("import\\s*\\{([^}]*)\\}\\s*from\\s*['\"]react['\"];?").matcher(text);
        if (react.find()) {
            return text.substring(0, react.start(1)) + react.group(1).stripTrailing() + ", Suspense " + text.substring(react.end(1));
        }
        Matcher directive = Pattern.compile("^\\s*['\"]use client['\"];?\\s*\\n").matcher(text);
        int at = directive.find() ? directive.end() : 0;
        return text.substring(0, at) + "import { Suspense } from \"react\";\n" + text.substring(at);
    }

    /** The page the finding names: its file, or the app router page of its route subject ({@code /search}). */
    private static String pageFile(ProjectFiles files, Finding finding) {
        if (finding.file() != null && files.exists(finding.file())) {
            return finding.file();
        }
        if (finding.subject() == null || !finding.subject().startsWith("/")) {
            return null;
        }
        String route = finding.subject().equals("/") ? "" : finding.subject();
        for (String root : List.of("app", "src/app")) {
            for (String extension : List.of(".tsx", ".jsx", ".js", ".ts")) {
                String candidate = root + route + "/page" + extension;
                if (files.exists(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private Optional<FixProposal> nodeVersion(ProjectFiles files, Finding finding) {
        String range = finding.subject() != null && finding.subject().startsWith("node@") ? finding.subject().substring(5)
                : files.read("package.json").flatMap(PackageJson::parse).flatMap(PackageJson::nodeEngine).orElse(null);
        if (range == null) {
            return Optional.empty();
        }
        Matcher major = MAJOR.matcher(range);
        if (!major.find()) {
            return Optional.empty();
        }
        String version = major.group(1);
        if (files.read(".nvmrc").map(String::strip).filter(version::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(FixProposal.rule(NODE_VERSION, 0.8, "The project requires Node " + range + " but was built with another "
                + "version; .nvmrc pins Node " + version + ", which builders and version managers follow.", finding,
                new FileEdits(Map.of(".nvmrc", version + "\n"))));
    }
}
