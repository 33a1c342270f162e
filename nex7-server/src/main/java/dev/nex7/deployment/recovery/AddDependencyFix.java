package dev.nex7.deployment.recovery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.recovery.FixProposal.Command;
import dev.nex7.deployment.recovery.FixProposal.FileEdits;

/**
 * A package the code imports is not declared: add it to the {@code package.json} nearest to the
 * importing file, at the registry's latest version with a caret range (what {@code npm install x}
 * writes), and bring the lockfile along so {@code npm ci} accepts the change. Test and config files'
 * imports go to {@code devDependencies}, as do {@code @types/} packages.
 */
@Component
class AddDependencyFix implements FixGenerator {

    static final String STRATEGY = FixStrategy.ADD_DEPENDENCY.id();
    private static final double CONFIDENCE = 0.9;

    private final NpmRegistry registry;

    AddDependencyFix(NpmRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<FixProposal> propose(FixContext context) {
        List<FixProposal> proposals = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Finding finding : context.findings()) {
            if (finding.fixStrategy() != FixStrategy.ADD_DEPENDENCY || finding.subject() == null || !seen.add(finding.subject())) {
                continue;
            }
            propose(context, finding).ifPresent(proposals::add);
        }
        return proposals;
    }

    private Optional<FixProposal> propose(FixContext context, Finding finding) {
        String name = finding.subject();
        if (!name.matches("(@[a-z0-9][\\w.-]*/)?[a-z0-9][\\w.-]*")) {
            return Optional.empty();
        }
        String manifest = nearestManifest(context.files(), finding.file());
        Optional<PackageJson> packageJson = context.files().read(manifest).flatMap(PackageJson::parse);
        if (packageJson.isEmpty() || packageJson.get().declares(name)) {
            return Optional.empty(); // declared but not installed is an install problem, not a missing declaration
        }
        Optional<String> version = registry.latest(name);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        String block = development(finding.file(), name) ? "devDependencies" : "dependencies";
        String edited = packageJson.get().withEntry(block, name, "^" + version.get()).text();
        List<FixProposal.Change> changes = new ArrayList<>();
        changes.add(new FileEdits(Map.of(manifest, edited)));
        String directory = manifest.contains("/") ? manifest.substring(0, manifest.lastIndexOf('/')) : "";
        Lockfiles.refresh(context.files(), directory).ifPresent(command -> changes.add(new Command(command)));
        String where = finding.file() == null ? "" : " imported by " + finding.file() + (finding.line() == null ? "" : ":" + finding.line());
        return Optional.of(new FixProposal(STRATEGY, "rule", CONFIDENCE,
                "The build cannot find the package " + name + where + ". " + manifest + " does not declare it; the registry's latest "
                        + "version is " + version.get() + ", added to " + block + " as ^" + version.get() + ".",
                finding, changes));
    }

    /** The {@code package.json} in the importing file's directory or the nearest above it; the root one otherwise. */
    static String nearestManifest(ProjectFiles files, String file) {
        if (file != null) {
            String directory = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
            while (!directory.isEmpty()) {
                if (files.exists(directory + "/package.json")) {
                    return directory + "/package.json";
                }
                directory = directory.contains("/") ? directory.substring(0, directory.lastIndexOf('/')) : "";
            }
        }
        return "package.json";
    }

    private static boolean development(String file, String name) {
        if (name.startsWith("@types/")) {
            return true;
        }
        if (file == null) {
            return false;
        }
        String base = file.substring(file.lastIndexOf('/') + 1);
        return base.matches(".*\\.(test|spec)\\.[cm]?[jt]sx?") || base.matches(".*\\.config\\.[cm]?[jt]s") || file.startsWith("test/")
                || file.startsWith("tests/") || file.contains("/__tests__/");
    }
}
